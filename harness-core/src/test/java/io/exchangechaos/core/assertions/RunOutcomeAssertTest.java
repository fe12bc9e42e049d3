package io.exchangechaos.core.assertions;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOutcomeAssertTest {

    private static RunOutcome outcome(Verdict verdict, long lost) {
        return new RunOutcome("run-1", new RunOutcome.ScenarioInfo("region-loss", null, null, null, null), "multi-region",
            "local", "none", "2026-11-26T10:00:00Z", "2026-11-26T10:01:30Z", verdict,
            List.of(verdict == Verdict.PASS ? "PASS: every budget and invariant held" : "FAIL: invariant [no-lost-acked-orders] 3 lost"),
            List.of(), List.of(new RunOutcome.InvariantResult("no-lost-acked-orders", lost == 0 ? Verdict.PASS : Verdict.FAIL, lost,
                lost == 0 ? List.of() : List.of("c-17 (acked by http://127.0.1.11:8080, missing on [r2, r3])"), "detail")),
            new RunOutcome.Orders(100, 90, 5, 2, 3, 3, lost, 0),
            Map.of("fault", new RunOutcome.LatencySummary(40, 12.5, 80, 420, 900, 950)),
            new RunOutcome.Recovery(2.0, "x"), List.of(), List.of(), List.of(), null, null, List.of(), null);
    }

    @Test
    void aPassingRunPassesEveryAssertion() {
        assertThat(outcome(Verdict.PASS, 0)).hasVerdict(Verdict.PASS).hasNoLostOrders().holds("no-lost-acked-orders")
            .latency(Phase.FAULT).p99().isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aWrongVerdictNamesBothAndTheReasons() {
        assertThatThrownBy(() -> assertThat(outcome(Verdict.FAIL, 3)).hasVerdict(Verdict.PASS))
            .hasMessage("Expected verdict [PASS] but was [FAIL]; reasons:\n  FAIL: invariant [no-lost-acked-orders] 3 lost");
    }

    @Test
    void lostOrdersAreCountedWithAnExample() {
        assertThatThrownBy(() -> assertThat(outcome(Verdict.FAIL, 3)).hasNoLostOrders())
            .hasMessage("Expected no lost acknowledged orders but [3] were lost; e.g. "
                + "[c-17 (acked by http://127.0.1.11:8080, missing on [r2, r3])]");
    }

    @Test
    void aPercentileOverTheLimitSaysWhichPhaseAndPercentile() {
        assertThatThrownBy(() -> assertThat(outcome(Verdict.PASS, 0)).latency(Phase.FAULT).p99().isLessThan(Duration.ofMillis(100)))
            .hasMessageContaining("[p99 latency during fault over 40 operations]");
    }

    @Test
    void aPhaseWithoutFiguresIsNamed() {
        assertThatThrownBy(() -> assertThat(outcome(Verdict.PASS, 0)).latency(Phase.RECOVERY))
            .hasMessage("Expected latency figures for phase [recovery] but the run has only [fault]");
    }
}
