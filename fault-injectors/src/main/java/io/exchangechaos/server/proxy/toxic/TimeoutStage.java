package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/**
 * Drops all data and closes the connection once {@code timeout} ms pass without data (Toxiproxy
 * restarts its timer on each chunk). Timeout 0 holds the connection open until the toxic is
 * removed, which then closes it.
 */
final class TimeoutStage extends ToxicStage {
    private long timeoutNanos;
    private long deadline;
    private Cancellable timer;

    TimeoutStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        timeoutNanos = millisToNanos(toxic.attribute("timeout"));
    }

    @Override
    public void start() {
        arm();
    }

    @Override
    public void reconfigured() {
        arm();
    }

    @Override
    public void onData(Chunk chunk) {
        ctx.release(chunk.length());
        if (timeoutNanos > 0) {
            deadline = ctx.nanoTime() + timeoutNanos; // the armed timer notices the new deadline
        }
    }

    @Override
    public void onEof(boolean closeConnection) {
        disarm();
        ctx.emitEof(closeConnection);
    }

    @Override
    public void stop(boolean removed) {
        disarm();
        if (removed) {
            ctx.emitEof(true);
        }
    }

    private void arm() {
        disarm();
        if (timeoutNanos > 0) {
            deadline = ctx.nanoTime() + timeoutNanos;
            timer = ctx.schedule(timeoutNanos, this::expire);
        }
    }

    // One timer per connection, re-armed lazily, so a stream of chunks does not pile up timers.
    private void expire() {
        long now = ctx.nanoTime();
        if (now < deadline) {
            timer = ctx.schedule(deadline - now, this::expire);
            return;
        }
        timer = null;
        ctx.emitEof(true);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
