package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/**
 * On the first data (or end of stream), waits {@code timeout} ms, then resets the connection
 * with a TCP RST. Data reaching the toxic is dropped, as in Toxiproxy.
 */
final class ResetPeerStage extends ToxicStage {
    private long timeoutNanos;
    private Cancellable pendingReset;
    private boolean eofSeen;

    ResetPeerStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        timeoutNanos = millisToNanos(toxic.attribute("timeout"));
    }

    @Override
    public void onData(Chunk chunk) {
        ctx.release(chunk.length());
        trigger();
    }

    @Override
    public void onEof(boolean closeConnection) {
        eofSeen = true;
        trigger();
    }

    @Override
    public void stop(boolean removed) {
        if (pendingReset != null) {
            pendingReset.cancel();
            pendingReset = null;
        }
        if (eofSeen) {
            ctx.emitEof(false); // the end of stream it swallowed must not be lost
        }
    }

    private void trigger() {
        if (pendingReset == null) {
            pendingReset = ctx.schedule(timeoutNanos, ctx::resetConnection);
        }
    }
}
