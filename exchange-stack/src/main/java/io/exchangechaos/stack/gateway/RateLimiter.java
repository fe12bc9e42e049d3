package io.exchangechaos.stack.gateway;

import java.util.concurrent.ConcurrentHashMap;

/** Per-account orders per second, in fixed one-second windows. */
final class RateLimiter {
    private final ConcurrentHashMap<Long, long[]> windows = new ConcurrentHashMap<>();

    boolean allow(long account, int perSecond) {
        long second = System.nanoTime() / 1_000_000_000L;
        long[] w = windows.computeIfAbsent(account, a -> new long[2]);
        synchronized (w) {
            if (w[0] != second) {
                w[0] = second;
                w[1] = 0;
            }
            return ++w[1] <= perSecond;
        }
    }
}
