package io.exchangechaos.core.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An open-model order load, ready to drive: arrivals follow the schedule whatever the exchange does, so a
 * stalled exchange cannot slow the load and hide its own latency.
 *
 * @param ratePerSecond  operations started per second after the ramp
 * @param surges         bursts on top of the schedule (e.g. every client reconnecting at once)
 * @param limitShare     fraction of limit orders; market and cancel shares complete the mix
 * @param entrypoints    where orders go, in preference order
 * @param home           index of the entrypoint a client starts with when failover is off
 * @param failover       whether a client retries on the next entrypoint after no answer or a retryable one
 * @param maxAttempts    attempts per operation, the first included
 */
public record LoadPlan(double ratePerSecond, Duration rampUp, Duration duration, List<Surge> surges,
                       double limitShare, double marketShare, double cancelShare, List<String> symbols, int accounts,
                       Duration requestTimeout, List<URI> entrypoints, int home, boolean failover, int maxAttempts,
                       long seed, String runId) {

    public record Surge(Duration at, double ratePerSecond, Duration duration) {
    }

    public LoadPlan {
        surges = List.copyOf(surges);
        symbols = List.copyOf(symbols);
        entrypoints = List.copyOf(entrypoints);
        if (entrypoints.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one entrypoint");
        }
    }
}
