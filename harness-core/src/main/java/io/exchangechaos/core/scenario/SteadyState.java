package io.exchangechaos.core.scenario;

import java.time.Duration;

/**
 * The hypothesis checked before the load and after it: within {@code within}, the error ratio stays at or below
 * {@code maxErrorRatio} continuously for {@code holdFor}. Built in Java as
 * {@code steadyStateWithin(ofSeconds(30)).holdingFor(ofSeconds(3)).errorRatioAtMost(0.0)}.
 */
public record SteadyState(Duration within, Duration holdFor, double maxErrorRatio) {

    public static final SteadyState DEFAULT = new SteadyState(Duration.ofSeconds(30), Duration.ofSeconds(3), 0.0);

    /** Second stage: how long it must hold. */
    public record Within(Duration within) {
        public Holding holdingFor(Duration holdFor) {
            return new Holding(within, holdFor);
        }
    }

    /** Last stage: the error ratio it tolerates. */
    public record Holding(Duration within, Duration holdFor) {
        public SteadyState errorRatioAtMost(double maxErrorRatio) {
            return new SteadyState(within, holdFor, maxErrorRatio);
        }
    }
}
