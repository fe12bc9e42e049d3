package io.exchangechaos.core.assertions;

import io.exchangechaos.core.verdict.RunOutcome;
import java.time.Duration;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.Assertions;

/** Picks a percentile of one phase's latency; the result is an AssertJ {@link Duration} assertion. */
public final class LatencyAssert {
    private final String phase;
    private final RunOutcome.LatencySummary summary;

    LatencyAssert(String phase, RunOutcome.LatencySummary summary) {
        this.phase = phase;
        this.summary = summary;
    }

    public AbstractDurationAssert<?> p50() {
        return of("p50", summary.p50());
    }

    public AbstractDurationAssert<?> p90() {
        return of("p90", summary.p90());
    }

    public AbstractDurationAssert<?> p99() {
        return of("p99", summary.p99());
    }

    public AbstractDurationAssert<?> p999() {
        return of("p999", summary.p999());
    }

    public AbstractDurationAssert<?> max() {
        return of("max", summary.max());
    }

    private AbstractDurationAssert<?> of(String percentile, double millis) {
        return Assertions.assertThat(Duration.ofNanos(Math.round(millis * 1_000_000)))
            .as("%s latency during %s over %d operations", percentile, phase, summary.count());
    }
}
