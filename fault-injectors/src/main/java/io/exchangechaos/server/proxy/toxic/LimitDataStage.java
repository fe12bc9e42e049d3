package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/** Passes {@code bytes} bytes in its direction, then closes the connection. */
final class LimitDataStage extends ToxicStage {
    private long limit;
    private long transmitted;
    private boolean closed;

    LimitDataStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        limit = Math.max(0, toxic.attribute("bytes"));
    }

    @Override
    public void onData(Chunk chunk) {
        if (closed) {
            ctx.release(chunk.length());
            return;
        }
        long remaining = limit - transmitted;
        if (remaining > 0) {
            if (chunk.length() > remaining) {
                ctx.release(chunk.truncate((int) remaining));
            }
            transmitted += chunk.length();
            ctx.emit(chunk);
        } else {
            ctx.release(chunk.length());
        }
        if (transmitted >= limit) {
            closed = true;
            ctx.emitEof(true);
        }
    }
}
