package io.exchangechaos.core.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a failover-capable exchange client remembers about its entrypoints. An entrypoint that gave no answer (the
 * connection failed or timed out) is marked down and skipped for a while, instead of costing every later order its
 * full timeout; when the while is over, one order probes it, and the others keep avoiding it until that probe is
 * answered. An answer of any kind marks the entrypoint up again.
 */
final class EntrypointHealth {
    private static final long UP = 0;

    private final AtomicLongArray downUntil;
    private final long markDownNanos;
    private final long probeNanos;

    /**
     * @param markDown how long an entrypoint that gave no answer is avoided
     * @param probe    how long one probe may take before another order may probe again (the request timeout)
     */
    EntrypointHealth(int entrypoints, Duration markDown, Duration probe) {
        this.downUntil = new AtomicLongArray(entrypoints);
        this.markDownNanos = markDown.toNanos();
        this.probeNanos = probe.toNanos();
    }

    /**
     * The entrypoint for an order's attempt: the {@code attempt}-th one after its home (0 = home), skipping those
     * marked down; when every one is down, the plain round-robin choice.
     */
    int choose(int home, int attempt, long nowNanos) {
        int n = downUntil.length();
        for (int j = 0; j < n; j++) {
            int i = (home + attempt + j) % n;
            if (usable(i, nowNanos)) {
                return i;
            }
        }
        return (home + attempt) % n;
    }

    private boolean usable(int i, long now) {
        long until = downUntil.get(i);
        if (until == UP) {
            return true;
        }
        if (now - until < 0) {
            return false;
        }
        // down, but its time is up: the one order that wins this race probes it
        return downUntil.compareAndSet(i, until, nonZero(now + probeNanos));
    }

    void noAnswer(int i, long nowNanos) {
        downUntil.set(i, nonZero(nowNanos + markDownNanos));
    }

    void answered(int i) {
        downUntil.set(i, UP);
    }

    boolean isDown(int i, long nowNanos) {
        long until = downUntil.get(i);
        return until != UP && nowNanos - until < 0;
    }

    private static long nonZero(long t) {
        return t == UP ? 1 : t;
    }
}
