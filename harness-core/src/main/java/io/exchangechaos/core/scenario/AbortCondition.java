package io.exchangechaos.core.scenario;

import java.time.Duration;

/**
 * Stops the run (verdict ABORTED, faults healed) when the error ratio stays above {@code errorRatioAbove} for
 * {@code holdsFor}: the exchange is down, more load teaches nothing. Written {@code {errorRatioAbove: 0.9, for: 15s}};
 * built in Java as {@code errorRatioAbove(0.9).sustainedFor(ofSeconds(15))}.
 */
public record AbortCondition(double errorRatioAbove, Duration holdsFor) {

    /** Last stage: how long the condition must hold. */
    public record Above(double errorRatioAbove) {
        public AbortCondition sustainedFor(Duration holdsFor) {
            return new AbortCondition(errorRatioAbove, holdsFor);
        }
    }
}
