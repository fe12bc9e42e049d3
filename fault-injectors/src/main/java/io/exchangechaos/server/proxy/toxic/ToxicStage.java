package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/**
 * One toxic applied to one direction of one connection. Lives as long as the toxic does on that
 * connection, so per-connection state (bytes sent so far, held chunks) survives attribute updates.
 */
public abstract class ToxicStage {
    protected final StageContext ctx;

    protected ToxicStage(StageContext ctx) {
        this.ctx = ctx;
    }

    /** Reads the attributes; called before {@link #start()} and again on every update. */
    public abstract void configure(Toxic toxic);

    /** The toxic became active on this connection (added, or toxicity drawn in its favour). */
    public void start() {
    }

    /** Attributes changed while active. */
    public void reconfigured() {
    }

    public abstract void onData(Chunk chunk);

    public void onEof(boolean closeConnection) {
        ctx.emitEof(closeConnection);
    }

    /**
     * The toxic stops acting here: pass on anything held, as Toxiproxy does ("don't drop any
     * data on the floor").
     *
     * @param removed {@code true} when the toxic was deleted, {@code false} when it merely lost
     *                its toxicity draw
     */
    public void stop(boolean removed) {
    }

    protected static long millisToNanos(long millis) {
        return Math.max(0, millis) * 1_000_000L;
    }
}
