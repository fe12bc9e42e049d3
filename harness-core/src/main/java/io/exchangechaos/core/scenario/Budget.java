package io.exchangechaos.core.scenario;

import java.time.Duration;

/** A limit the run must stay within; a budget exceeded makes the verdict FAIL. Built with {@link ScenarioDsl}. */
public sealed interface Budget {

    /**
     * The {@code percentile} latency of {@code operation} during {@code phase} is at most {@code max}.
     * Written {@code {operation: place, phase: fault, percentile: p99, max: 1s}}; in Java
     * {@code p99(PLACE).during(FAULT).atMost(ofSeconds(1))}.
     */
    record LatencyBudget(OrderOperation operation, Phase phase, Percentile percentile, Duration max) implements Budget {

        /** Second stage: the phase. */
        public record Of(Percentile percentile, OrderOperation operation) {
            public During during(Phase phase) {
                return new During(percentile, operation, phase);
            }
        }

        /** Last stage: the limit. */
        public record During(Percentile percentile, OrderOperation operation, Phase phase) {
            public LatencyBudget atMost(Duration max) {
                return new LatencyBudget(operation, phase, percentile, max);
            }
        }
    }

    /**
     * The share of {@code operation}s that fail or time out during {@code phase} is at most {@code max} (0–1).
     * Written {@code {phase: fault, max: 0.05}} ({@code operation} defaults to any); in Java
     * {@code errorRatio(ANY).during(FAULT).atMost(0.05)}.
     */
    record ErrorRatioBudget(OrderOperation operation, Phase phase, double max) implements Budget {

        /** Second stage: the phase. */
        public record Of(OrderOperation operation) {
            public During during(Phase phase) {
                return new During(operation, phase);
            }
        }

        /** Last stage: the limit. */
        public record During(OrderOperation operation, Phase phase) {
            public ErrorRatioBudget atMost(double max) {
                return new ErrorRatioBudget(operation, phase, max);
            }
        }
    }

    /**
     * After each fault is injected, the exchange recovers within {@code max}: recovered means a {@code window} in which
     * the {@code percentile} latency is at most {@code latency} and the error ratio at most {@code maxErrorRatio}.
     * In Java {@code recoveryWithin(ofSeconds(10))}, which means {@link #DEFAULT_WINDOW 3 s} of p99 at most
     * {@link #DEFAULT_LATENCY 1 s} and at most {@link #DEFAULT_MAX_ERROR_RATIO 1 %} errors, or every part spelled
     * out: {@code recoveryWithin(ofSeconds(10)).once(P99).atMost(ofMillis(200)).withErrorRatioAtMost(0.01).holdingFor(ofSeconds(3))}.
     */
    record RecoveryBudget(Duration max, Duration window, Percentile percentile, Duration latency, double maxErrorRatio)
            implements Budget {
        /** How long the exchange must look recovered, unless {@link #once} says otherwise. */
        public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);
        /** Which percentile judges recovery, unless {@link #once} says otherwise. */
        public static final Percentile DEFAULT_PERCENTILE = Percentile.P99;
        /** The latency that counts as recovered, unless {@link #once} says otherwise. */
        public static final Duration DEFAULT_LATENCY = Duration.ofSeconds(1);
        /** The error ratio that counts as recovered, unless {@link #once} says otherwise. */
        public static final double DEFAULT_MAX_ERROR_RATIO = 0.01;

        /** Recovery within {@code max}, judged by the defaults: 3 s of p99 at most 1 s and at most 1 % errors. */
        public static RecoveryBudget within(Duration max) {
            return new RecoveryBudget(max, DEFAULT_WINDOW, DEFAULT_PERCENTILE, DEFAULT_LATENCY, DEFAULT_MAX_ERROR_RATIO);
        }

        /** Judges recovery by another percentile, limit, error ratio and window, each given in turn. */
        public Once once(Percentile percentile) {
            return new Once(max, percentile);
        }

        /** Third stage: the latency that counts as recovered. */
        public record Once(Duration max, Percentile percentile) {
            public Latency atMost(Duration latency) {
                return new Latency(max, percentile, latency);
            }
        }

        /** Fourth stage: the error ratio that counts as recovered. */
        public record Latency(Duration max, Percentile percentile, Duration latency) {
            public ErrorRatio withErrorRatioAtMost(double maxErrorRatio) {
                return new ErrorRatio(max, percentile, latency, maxErrorRatio);
            }
        }

        /** Last stage: how long both must hold. */
        public record ErrorRatio(Duration max, Percentile percentile, Duration latency, double maxErrorRatio) {
            public RecoveryBudget holdingFor(Duration window) {
                return new RecoveryBudget(max, window, percentile, latency, maxErrorRatio);
            }
        }
    }

    /**
     * At most {@code max} orders end the load with an unknown outcome (before reconciliation resolves them).
     * Written {@code {max: 20}}; in Java {@code indeterminateAtMost(20)}.
     */
    record IndeterminateBudget(int max) implements Budget {
    }
}
