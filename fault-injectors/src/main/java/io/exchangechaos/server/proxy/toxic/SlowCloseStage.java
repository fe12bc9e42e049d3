package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/** Data flows untouched; the end of the stream is passed on after {@code delay} ms. */
final class SlowCloseStage extends ToxicStage {
    private long delayNanos;
    private Cancellable pendingClose;
    private boolean closeConnection;

    SlowCloseStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        delayNanos = millisToNanos(toxic.attribute("delay"));
    }

    @Override
    public void onData(Chunk chunk) {
        ctx.emit(chunk);
    }

    @Override
    public void onEof(boolean closes) {
        closeConnection = closes;
        pendingClose = ctx.schedule(delayNanos, () -> {
            pendingClose = null;
            ctx.emitEof(closeConnection);
        });
    }

    @Override
    public void stop(boolean removed) {
        if (pendingClose != null) {
            pendingClose.cancel();
            pendingClose = null;
            ctx.emitEof(closeConnection);
        }
    }
}
