package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;

/**
 * What {@link FaultKind#validate} reports through: a problem at {@code timeline[i].params.KEY}, unless one was
 * already reported there (by the reader, say).
 */
public interface ParamChecks {

    /** {@code timeline[0].params.jitter [200ms]: larger than latency [150ms], …}; {@code value} may be null. */
    void report(String param, Object value, String message);

    /** Reports a duration that is not above 0; null is skipped (it was reported when read). */
    default void positive(String param, Duration d) {
        if (d != null && d.compareTo(Duration.ZERO) <= 0) {
            report(param, Durations.format(d), "must be above 0");
        }
    }

    /** Reports a negative duration; null is skipped. */
    default void notNegative(String param, Duration d) {
        if (d != null && d.isNegative()) {
            report(param, Durations.format(d), "must not be negative");
        }
    }
}
