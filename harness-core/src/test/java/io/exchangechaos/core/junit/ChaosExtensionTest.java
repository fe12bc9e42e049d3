package io.exchangechaos.core.junit;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.kill;
import static io.exchangechaos.core.scenario.ScenarioDsl.leaderRegion;
import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension as JUnit runs it (through the JUnit Platform's test kit), with a recorded outcome in place of a real
 * run: what it does with each verdict, what it injects and how often it runs. The real runs are the scenarios
 * module's ITs ({@code ChaosExtensionIT} there runs a DSL-built and a library scenario through it).
 */
class ChaosExtensionTest {
    static final Scenario SHORT = Scenario.named("short-region-loss")
        .load(openLoad().rate(40).perSecond().during(ofSeconds(30)))
        .timeline(at(ofSeconds(10)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(10)))
        .build();
    static final Path RUN_DIR = Path.of("target", "chaos-runs", "short-region-loss", "20261126T100000Z");
    /** Each run the extension asked for: the scenario and the options it passed. */
    static final List<String> RUNS = new CopyOnWriteArrayList<>();

    static ChaosExtension recorded(Verdict verdict) {
        return ChaosExtension.of(SHORT).withRunner((scenario, file, options) -> {
            RUNS.add(scenario.name() + " on " + options.topology().map(Object::toString).orElse("its topology") + " with "
                + options.weakness().map(Weakness::id).orElse("its weakness") + " (" + options.backend() + ") into "
                + options.outRoot());
            return new ScenarioRunner.Result(outcome(verdict), RUN_DIR);
        });
    }

    static RunOutcome outcome(Verdict verdict) {
        List<Finding> findings = switch (verdict) {
            case PASS -> List.of();
            case FAIL -> List.of(new Finding(Verdict.FAIL, "no-lost-acked-orders", "invariant [no-lost-acked-orders] 4 of"
                + " 812 acknowledged orders are missing from a majority of the replicas"));
            case INCONCLUSIVE -> List.of(new Finding(Verdict.INCONCLUSIVE, Finding.STEADY_STATE_BEFORE, "the stack never"
                + " reached its steady state before the load: did not hold for 3 s within 30 s; last: 0 of 12 acknowledged"));
            case ABORTED -> List.of(new Finding(Verdict.ABORTED, Finding.ABORT, "operator aborted before step [lose r1]"));
        };
        return RunOutcome.builder().runId("short-region-loss-20261126T100000Z")
            .scenario(RunOutcome.ScenarioInfo.named("short-region-loss"))
            .startedAt(Instant.parse("2026-11-26T10:00:00Z")).finishedAt(Instant.parse("2026-11-26T10:01:00Z"))
            .findings(findings)
            .invariants(List.of(new RunOutcome.InvariantResult(Invariant.NO_LOST_ACKED_ORDERS,
                verdict == Verdict.FAIL ? Verdict.FAIL : Verdict.PASS, verdict == Verdict.FAIL ? 4 : 0, List.of(), "")))
            .orders(new RunOutcome.Orders(900, 812, 0, 88, 0, 0, verdict == Verdict.FAIL ? 4 : 0, 0))
            .build();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        RUNS.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    static class InconclusiveRun {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.INCONCLUSIVE);

        @Test
        void passesWhateverItIsGiven(RunOutcome outcome) {
        }
    }

    @Test
    void anInconclusiveRunFailsTheClassAndSaysHowToExpectIt() {
        EngineExecutionResults events = run(InconclusiveRun.class);

        events.allEvents().assertThatEvents().haveExactly(1, event(container(InconclusiveRun.class), finishedWithFailure(
            instanceOf(AssertionError.class), message("Run [short-region-loss-20261126T100000Z] of scenario"
                + " [short-region-loss] ended [INCONCLUSIVE], expected one of [PASS, FAIL]; a run that is INCONCLUSIVE proves"
                + " nothing about the exchange; if that is what this test is about, register"
                + " ChaosExtension.of(…).expecting(Verdict.INCONCLUSIVE) or annotate @ChaosScenario(…, expecting ="
                + " INCONCLUSIVE). Findings:\n  INCONCLUSIVE: the stack never reached its steady state before the load: did"
                + " not hold for 3 s within 30 s; last: 0 of 12 acknowledged\nReport: "
                + RUN_DIR.resolve("report.html")))));
        events.testEvents().assertStatistics(s -> s.started(0));
    }

    static class AbortedRun {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.ABORTED);

        @Test
        void passesWhateverItIsGiven(RunOutcome outcome) {
        }
    }

    @Test
    void anAbortedRunFailsTheClass() {
        EngineExecutionResults events = run(AbortedRun.class);

        events.allEvents().assertThatEvents().haveExactly(1, event(container(AbortedRun.class), finishedWithFailure(
            instanceOf(AssertionError.class), message(m -> m.contains("ended [ABORTED], expected one of [PASS, FAIL]; a run"
                + " that is ABORTED proves nothing about the exchange")))));
        events.testEvents().assertStatistics(s -> s.started(0));
    }

    static class ExpectedInconclusiveRun {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.INCONCLUSIVE).expecting(Verdict.INCONCLUSIVE);

        @Test
        void isInconclusive(RunOutcome outcome) {
            assertThat(outcome).hasVerdict(Verdict.INCONCLUSIVE);
        }
    }

    @Test
    void aTestThatExpectsAnInconclusiveRunGetsIt() {
        run(ExpectedInconclusiveRun.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    static class PassingRun {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.PASS).topology(Topologies.SINGLE_REGION)
            .weakness(Weakness.NO_CLIENT_FAILOVER).backend("docker").out(Path.of("target", "runs-elsewhere"));

        @Test
        void getsTheOutcome(RunOutcome outcome) {
            assertThat(outcome).passed().hasNoLostOrders().acknowledgedAtLeast(800);
        }

        @Test
        void getsTheRunDirectoryToo(ScenarioRunner.Result result, RunOutcome outcome) {
            assertThat(result.outcome()).isSameAs(outcome);
            assertThat(result.runDir()).isEqualTo(RUN_DIR);
        }
    }

    @Test
    void oneRunServesEveryTestOfTheClassWithTheOptionsGiven() {
        run(PassingRun.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(RUNS).containsExactly("short-region-loss on single-region with no-client-failover (docker) into "
            + Path.of("target", "runs-elsewhere"));
    }

    static class FailingRun {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.FAIL);

        @Test
        void losesOrders(RunOutcome outcome) {
            assertThat(outcome).hasVerdict(Verdict.FAIL).violates(Invariant.NO_LOST_ACKED_ORDERS);
        }
    }

    @Test
    void aFailedRunIsLeftToTheTestsAssertions() {
        run(FailingRun.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    static class ExpectedPassButFailed {
        @RegisterExtension
        static ChaosExtension chaos = recorded(Verdict.FAIL).expecting(Verdict.PASS);

        @Test
        void neverRuns(RunOutcome outcome) {
        }
    }

    @Test
    void aVerdictOutsideTheExpectedOnesFailsTheClass() {
        EngineExecutionResults events = run(ExpectedPassButFailed.class);

        events.allEvents().assertThatEvents().haveExactly(1, event(container(ExpectedPassButFailed.class), finishedWithFailure(
            message(m -> m.startsWith("Run [short-region-loss-20261126T100000Z] of scenario [short-region-loss] ended"
                + " [FAIL], expected one of [PASS]. Findings:\n  FAIL: invariant [no-lost-acked-orders] 4 of 812")))));
    }

    static class InstanceField {
        @RegisterExtension
        ChaosExtension chaos = recorded(Verdict.PASS);

        @Test
        void wantsTheOutcome(RunOutcome outcome) {
        }
    }

    @Test
    void anExtensionOnAnInstanceFieldSaysWhereToRegisterIt() {
        EngineExecutionResults events = run(InstanceField.class);

        assertThat(RUNS).isEmpty();
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith("No scenario outcome"
            + " for parameter [outcome]: no scenario ran for this class. Register the extension on a static field")))));
    }
}
