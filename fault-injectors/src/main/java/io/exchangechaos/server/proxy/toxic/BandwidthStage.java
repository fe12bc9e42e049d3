package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/**
 * Paces data to {@code rate} KB/s (1 KB = 1000 B), in pieces of at most 100 ms worth, each sent
 * when its time slot ends. Idle time earns no credit; rate 0 passes nothing.
 */
final class BandwidthStage extends HoldingStage {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private long bytesPerSecond;
    /** When the piece at the head of the queue may go; 0 while not yet computed. */
    private long headRelease;
    /** When the previous piece went; slots are laid end to end while data keeps coming. */
    private long lastRelease = Long.MIN_VALUE;

    BandwidthStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        long rate = Math.max(0, toxic.attribute("rate"));
        long newBytesPerSecond = rate * 1000;
        if (newBytesPerSecond != bytesPerSecond) {
            bytesPerSecond = newBytesPerSecond;
            headRelease = 0;
        }
    }

    @Override
    public void reconfigured() {
        cancelTimer();
        pump();
    }

    @Override
    protected void pump() {
        long now = ctx.nanoTime();
        while (!held.isEmpty()) {
            if (bytesPerSecond == 0) {
                return; // hold everything until the rate changes or the toxic goes
            }
            Chunk head = held.peek();
            int piece = (int) Math.min(head.length(), Math.max(1, bytesPerSecond / 10));
            if (headRelease == 0) {
                long start = lastRelease == Long.MIN_VALUE ? now : Math.max(lastRelease, head.time());
                start = Math.min(Math.max(start, now - NANOS_PER_SECOND / 10), now + NANOS_PER_SECOND * 3600);
                headRelease = start + piece * NANOS_PER_SECOND / bytesPerSecond;
            }
            if (headRelease > now) {
                wakeAfter(headRelease - now);
                return;
            }
            lastRelease = headRelease;
            headRelease = 0;
            ctx.emit(piece == head.length() ? held.poll() : head.split(piece));
        }
        passEof();
    }
}
