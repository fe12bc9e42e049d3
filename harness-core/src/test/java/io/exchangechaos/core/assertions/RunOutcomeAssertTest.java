package io.exchangechaos.core.assertions;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.assertions.ChaosAssertions.assertThatThrownBy;
import static io.exchangechaos.core.scenario.Invariant.BALANCES_CONSERVED;
import static io.exchangechaos.core.scenario.Invariant.NO_DUPLICATE_ORDERS;
import static io.exchangechaos.core.scenario.Invariant.NO_LOST_ACKED_ORDERS;
import static io.exchangechaos.core.scenario.ScenarioDsl.ANY;
import static io.exchangechaos.core.scenario.ScenarioDsl.CANCEL;
import static io.exchangechaos.core.scenario.ScenarioDsl.FAULT;
import static io.exchangechaos.core.scenario.ScenarioDsl.PLACE;
import static io.exchangechaos.core.scenario.ScenarioDsl.RECOVERY;
import static io.exchangechaos.core.scenario.ScenarioDsl.errorRatio;
import static io.exchangechaos.core.scenario.ScenarioDsl.p99;
import static io.exchangechaos.core.scenario.ScenarioDsl.recoveryWithin;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.RunOutcome.BudgetResult;
import io.exchangechaos.core.verdict.RunOutcome.InvariantResult;
import io.exchangechaos.core.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOutcomeAssertTest {
    private static final String LOST_EXAMPLE = "c-17 (acked by http://127.0.1.11:8080, missing on [r2, r3])";
    private static final BudgetResult FAULT_P99 = new BudgetResult("p99(place) during fault ≤ 10 s", Phase.FAULT,
        10_000, Optional.of(1_870.0), "ms", Verdict.PASS, "observed 1,870 ms over 2,000 operations, within 10 s");
    private static final BudgetResult RECOVERY_BUDGET = new BudgetResult("recovery ≤ 20 s", Phase.FAULT, 20,
        Optional.of(2.0), "s", Verdict.PASS, "slowest recovery 2.0 s after [lose r1] at 20.0 s");

    /** GIVEN a run of region-loss that lost {@code lost} acknowledged orders of 90. */
    private static RunOutcome.Builder run(long lost) {
        List<Finding> findings = lost == 0 ? List.of()
            : List.of(new Finding(Verdict.FAIL, "no-lost-acked-orders", "invariant [no-lost-acked-orders] 3 lost"));
        return RunOutcome.builder().runId("region-loss-20261126T100000Z").scenario(RunOutcome.ScenarioInfo.named("region-loss"))
            .startedAt(Instant.parse("2026-11-26T10:00:00Z")).finishedAt(Instant.parse("2026-11-26T10:01:30Z"))
            .findings(findings)
            .invariants(List.of(
                new InvariantResult(NO_LOST_ACKED_ORDERS, lost == 0 ? Verdict.PASS : Verdict.FAIL, lost,
                    lost == 0 ? List.of() : List.of(LOST_EXAMPLE),
                    lost == 0 ? "all 90 acknowledged orders are on all 3 replicas"
                        : lost + " of 90 acknowledged orders are missing from a majority of the replicas"),
                new InvariantResult(NO_DUPLICATE_ORDERS, Verdict.PASS, 0, List.of(), "every client order id is one order")))
            .budgets(List.of(FAULT_P99, RECOVERY_BUDGET))
            .orders(new RunOutcome.Orders(100, 90, 5, 2, 3, 3, lost, 0))
            .latency(Map.of(Phase.FAULT, new RunOutcome.LatencySummary(40, ofMillis(12), ofMillis(80), ofMillis(420),
                ofMillis(900), ofMillis(950))))
            .recovery(new RunOutcome.Recovery(Optional.of(ofMillis(2_000)), "slowest recovery 2.0 s after [lose r1] at 20.0 s"));
    }

    @Test
    void aPassingRunPassesEveryAssertion() {
        assertThat(run(0).build()).passed().hasVerdict(Verdict.PASS).hasNoLostOrders().hasNoDuplicateOrders()
            .holds(NO_LOST_ACKED_ORDERS).acknowledgedAtLeast(90).recoveredWithin(ofSeconds(2))
            .latency(Phase.FAULT).p99().isLessThan(ofMillis(500));
        assertThat(run(0).build()).budget(p99(PLACE).during(FAULT)).passed();
        assertThat(run(0).build()).budget(recoveryWithin(ofSeconds(20))).passed();
    }

    @Test
    void aWrongVerdictNamesBothAndTheFindings() {
        assertThatThrownBy(() -> assertThat(run(3).build()).passed())
            .hasMessage("Expected verdict [PASS] but was [FAIL]; findings:\n  FAIL: invariant [no-lost-acked-orders] 3 lost");
        assertThatThrownBy(() -> assertThat(run(0).build()).hasVerdict(Verdict.FAIL))
            .hasMessage("Expected verdict [FAIL] but was [PASS]; findings:\n  PASS: every budget and invariant held");
    }

    @Test
    void lostOrdersAreCountedWithTheDetailAndExamples() {
        assertThatThrownBy(() -> assertThat(run(3).build()).hasNoLostOrders())
            .hasMessage("Expected no lost acknowledged orders but there were [3]: 3 of 90 acknowledged orders are missing"
                + " from a majority of the replicas; e.g. [" + LOST_EXAMPLE + "]");
    }

    @Test
    void aRunThatAcknowledgedNothingProvesNoOrderSafe() {
        // GIVEN a run in which the exchange never acknowledged an order, so no checker found anything wrong
        RunOutcome nothing = run(0).orders(new RunOutcome.Orders(1_200, 0, 0, 1_200, 0, 0, 0, 0)).build();

        assertThatThrownBy(() -> assertThat(nothing).hasNoLostOrders())
            .hasMessage("Expected no lost acknowledged orders but no order was acknowledged, so nothing can be said about"
                + " lost orders ([1200] sent)");
        assertThatThrownBy(() -> assertThat(nothing).hasNoDuplicateOrders())
            .hasMessage("Expected no duplicate orders but no order was acknowledged, so nothing can be said about"
                + " duplicate orders ([1200] sent)");
    }

    @Test
    void anInvariantTheRunCouldNotCheckIsNeitherHeldNorViolated() {
        RunOutcome unreadable = run(0).invariants(List.of(new InvariantResult(NO_LOST_ACKED_ORDERS, Verdict.INCONCLUSIVE,
            0, List.of(), "no replica's state could be read: {r1=refused}"))).build();

        assertThatThrownBy(() -> assertThat(unreadable).hasNoLostOrders())
            .hasMessage("Expected no lost acknowledged orders but [no-lost-acked-orders] was [INCONCLUSIVE]: no replica's"
                + " state could be read: {r1=refused}");
        assertThatThrownBy(() -> assertThat(unreadable).violates(NO_LOST_ACKED_ORDERS))
            .hasMessage("Expected invariant [no-lost-acked-orders] to be violated but it was [INCONCLUSIVE]: no replica's"
                + " state could be read: {r1=refused}");
        assertThatThrownBy(() -> assertThat(unreadable).hasNoDuplicateOrders())
            .hasMessage("Expected no duplicate orders but the run did not check [no-duplicate-orders]; it checked"
                + " [no-lost-acked-orders]");
        assertThatThrownBy(() -> assertThat(run(0).build()).holds(BALANCES_CONSERVED))
            .hasMessage("Expected invariant [balances-conserved] to hold but the run did not check [balances-conserved];"
                + " it checked [no-lost-acked-orders, no-duplicate-orders]");
    }

    @Test
    void violatesIsTheOppositeOfHolds() {
        assertThat(run(3).build()).violates(NO_LOST_ACKED_ORDERS).holds(NO_DUPLICATE_ORDERS);

        assertThatThrownBy(() -> assertThat(run(0).build()).violates(NO_LOST_ACKED_ORDERS))
            .hasMessage("Expected invariant [no-lost-acked-orders] to be violated but it was [PASS]: all 90 acknowledged"
                + " orders are on all 3 replicas");
        assertThatThrownBy(() -> assertThat(run(3).build()).holds(NO_LOST_ACKED_ORDERS))
            .hasMessage("Expected invariant [no-lost-acked-orders] to hold but it was [FAIL] with [3] violations: 3 of 90"
                + " acknowledged orders are missing from a majority of the replicas; e.g. [" + LOST_EXAMPLE + "]");
    }

    @Test
    void aBudgetIsNamedByTheScenarioDslsSpellingWithoutItsLimit() {
        BudgetResult failed = new BudgetResult("p99(place) during fault ≤ 1 s", Phase.FAULT, 1_000, Optional.of(3_120.0),
            "ms", Verdict.FAIL, "Budget [p99(place) during fault ≤ 1 s] violated: observed 3,120 ms over 812 operations"
                + " (fault: slow credit check, 15.0s–45.0s)");
        RunOutcome o = run(0).budgets(List.of(failed, RECOVERY_BUDGET)).build();

        assertThat(o).budget(p99(PLACE).during(FAULT)).failed();
        assertThatThrownBy(() -> assertThat(o).budget(p99(PLACE).during(FAULT)).passed())
            .hasMessageStartingWith("Expected budget [p99(place) during fault ≤ 1 s] to be [PASS] but it was [FAIL]:"
                + " Budget [p99(place) during fault ≤ 1 s] violated: observed 3,120 ms over 812 operations");
        assertThatThrownBy(() -> assertThat(o).budget(p99(CANCEL).during(RECOVERY)))
            .hasMessage("Expected one budget [p99(cancel) during recovery ≤ …] but the run judged none of them among"
                + " [p99(place) during fault ≤ 1 s, recovery ≤ 20 s]");
        assertThatThrownBy(() -> assertThat(o).budget(errorRatio(ANY).during(FAULT).atMost(0.05)))
            .hasMessage("Expected one budget [error ratio(any) during fault ≤ 5.00%] but the run judged none of them"
                + " among [p99(place) during fault ≤ 1 s, recovery ≤ 20 s]");
    }

    @Test
    void aBudgetsObservedValueIsInItsUnitAndAnUnmeasuredOneSaysWhy() {
        assertThat(run(0).build()).budget(p99(PLACE).during(FAULT)).observed().isEqualTo(1_870.0);
        assertThat(run(0).build()).recoveryBudget().passed().observed().isEqualTo(2.0);

        BudgetResult unmeasured = new BudgetResult("p99(place) during fault ≤ 10 s", Phase.FAULT, 10_000, Optional.empty(),
            "ms", Verdict.INCONCLUSIVE, "no place operations started during fault, so nothing to measure");
        assertThatThrownBy(() -> assertThat(run(0).budgets(List.of(unmeasured)).build()).budget(p99(PLACE).during(FAULT))
                .observed())
            .hasMessage("Expected budget [p99(place) during fault ≤ 10 s] to have been measured but it was not: no place"
                + " operations started during fault, so nothing to measure");
    }

    @Test
    void recoveryIsJudgedByWhatTheRunMeasured() {
        assertThatThrownBy(() -> assertThat(run(0).build()).recoveredWithin(ofMillis(1_500)))
            .hasMessage("Expected recovery within [1500ms] but it took [2s]: slowest recovery 2.0 s after [lose r1] at 20.0 s");
        RunOutcome never = run(0).recovery(new RunOutcome.Recovery(Optional.empty(), "after [lose r1] at 20.0 s no 3 s"
            + " window met p99 ≤ 1 s and errors ≤ 1.00% before the load ended")).build();
        assertThatThrownBy(() -> assertThat(never).recoveredWithin(ofSeconds(10)))
            .hasMessage("Expected recovery within [10s] but none was seen: after [lose r1] at 20.0 s no 3 s window met"
                + " p99 ≤ 1 s and errors ≤ 1.00% before the load ended");
        assertThatThrownBy(() -> assertThat(run(0).recovery(RunOutcome.Recovery.NOT_MEASURED).build())
                .recoveredWithin(ofSeconds(10)))
            .hasMessage("Expected recovery within [10s] but none was seen: no recovery budget");
    }

    @Test
    void tooFewAcknowledgementsAreCountedEachWay() {
        assertThatThrownBy(() -> assertThat(run(0).build()).acknowledgedAtLeast(2_000))
            .hasMessage("Expected at least [2000] acknowledged orders but [90] were, of [100] sent ([5] rejected,"
                + " [2] failed, [3] unknown)");
    }

    @Test
    void aPercentileOverTheLimitSaysWhichPhaseAndPercentile() {
        assertThatThrownBy(() -> assertThat(run(0).build()).latency(Phase.FAULT).p99().isLessThan(ofMillis(100)))
            .hasMessageContaining("[p99 latency during fault over 40 operations]");
    }

    @Test
    void aPhaseWithoutFiguresIsNamed() {
        assertThatThrownBy(() -> assertThat(run(0).build()).latency(Phase.RECOVERY))
            .hasMessage("Expected latency figures for phase [recovery] but the run has only [fault]");
    }
}
