package io.exchangechaos.core.assertions;

import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.RunOutcome;
import java.time.Duration;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.Assertions;

/** Picks a percentile of one phase's latency; the result is an AssertJ {@link Duration} assertion. */
public final class LatencyAssert {
    private final Phase phase;
    private final RunOutcome.LatencySummary summary;

    LatencyAssert(Phase phase, RunOutcome.LatencySummary summary) {
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

    private AbstractDurationAssert<?> of(String percentile, Duration value) {
        return Assertions.assertThat(value).as("%s latency during %s over %d operations", percentile, phase.id(),
            summary.count());
    }
}
