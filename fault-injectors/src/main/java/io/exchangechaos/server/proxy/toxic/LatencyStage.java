package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/** Delays each chunk by latency ± uniform(jitter), counted from when the chunk was read. */
final class LatencyStage extends HoldingStage {
    private long latencyNanos;
    private long jitterNanos;
    private long lastRelease = Long.MIN_VALUE;

    LatencyStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        latencyNanos = millisToNanos(toxic.attribute("latency"));
        jitterNanos = millisToNanos(toxic.attribute("jitter"));
    }

    @Override
    public void onData(Chunk chunk) {
        long delay = latencyNanos;
        if (jitterNanos > 0) {
            delay += ctx.random().nextLong(-jitterNanos, jitterNanos + 1);
        }
        // Never overtake an earlier chunk: a stream must stay in order whatever the jitter.
        long release = Math.max(chunk.time() + Math.max(0, delay), lastRelease);
        lastRelease = release;
        chunk.time(release);
        super.onData(chunk);
    }

    @Override
    protected void pump() {
        long now = ctx.nanoTime();
        while (!held.isEmpty() && held.peek().time() <= now) {
            ctx.emit(held.poll());
        }
        if (held.isEmpty()) {
            passEof();
        } else {
            wakeAfter(held.peek().time() - now);
        }
    }
}
