package io.exchangechaos.core.verdict;

import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.kill;
import static io.exchangechaos.core.scenario.ScenarioDsl.leaderRegion;
import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.Topologies;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementsTest {
    private static final long START = 1_000_000_000L;

    /** A kill at 20 s, healed at 45 s, load for 60 s. */
    private final Scenario scenario = Scenario.named("kill-at-20")
        .on(Topologies.MULTI_REGION)
        .load(openLoad().rate(10).perSecond().during(ofSeconds(60)))
        .timeline(at(ofSeconds(20)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(25)).named("kill"))
        .build();

    private static Operation op(long index, double startSecond, double latencySeconds) {
        long intended = START + (long) (startSecond * 1e6);
        long latency = (long) (latencySeconds * 1e6);
        return new Operation(index, "place", "c-" + index, 1, "BTC-USD", "BUY", "LIMIT", 1, 1, "http://e/", 1, intended,
            intended, intended + latency, latency, Outcome.OK, Answer.Kind.ACKNOWLEDGED, "NEW", null);
    }

    @Test
    void anOrderStillInFlightWhenTheFaultIsDueIsMeasuredInTheFaultPhase() {
        Operation early = op(0, 10.0, 0.05);
        Operation inFlight = op(1, 19.9, 4.2);
        Operation answeredJustBefore = op(2, 19.9, 0.09);
        Operation duringFault = op(3, 30.0, 0.1);
        Operation afterHeal = op(4, 50.0, 0.1);
        Measurements m = new Measurements(List.of(early, inFlight, answeredJustBefore, duringFault, afterHeal), START,
            scenario);

        assertThat(m.in(Phase.BASELINE, o -> true)).containsExactly(early, answeredJustBefore);
        assertThat(m.in(Phase.FAULT, o -> true)).containsExactly(inFlight, duringFault);
        assertThat(m.in(Phase.RECOVERY, o -> true)).containsExactly(afterHeal);
        assertThat(m.in(Phase.OVERALL, o -> true)).hasSize(5);
    }
}
