package io.exchangechaos.core.explore;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The loop over a stand-in for real runs: a rule saying which schedules fail which check. */
class ExplorerTest {
    private static final Duration LOAD = Duration.ofSeconds(12);
    private final Topology multi = Topologies.load(Topologies.MULTI_REGION);
    private final ExploredScenario template = new ExploredScenario(Topologies.MULTI_REGION, Weakness.NONE, 100, LOAD);
    private final List<List<TimelineStep>> ran = new ArrayList<>();

    /** A stand-in exchange that loses acknowledged orders whenever the leader's processes are killed. */
    private Explorer.Trial failsWhen(Predicate<TimelineStep> breaks) {
        return (label, schedule) -> {
            ran.add(schedule);
            boolean fails = schedule.stream().anyMatch(breaks);
            return new Explorer.Result(fails ? Verdict.FAIL : Verdict.PASS,
                fails ? List.of("no-lost-acked-orders") : List.of(), Path.of("runs", label.replace(' ', '-')));
        };
    }

    private static boolean killsTheLeader(TimelineStep s) {
        return FaultKinds.registered().of(s.fault()).id().equals("kill") && ScheduleGenerator.isLeader(s.target());
    }

    private Explorer explorer(long seed, int runs, int shrinkRuns) {
        FaultMenu menu = FaultMenu.of(multi, List.of("kill"), s -> true);
        return new Explorer(new ScheduleGenerator(menu, LOAD, 3, seed), new Shrinker(multi), template::valid, runs, shrinkRuns);
    }

    @Test
    void findsAFailingScheduleAndShrinksItToOneStepOfOneSecondOnTheLeader() throws Exception {
        // GIVEN seed 19, whose first schedule kills the leader, then the config service
        Explorer e = explorer(19, 5, 50);

        // WHEN
        Explorer.Outcome o = e.explore(failsWhen(ExplorerTest::killsTheLeader), () -> false, a -> { });

        // THEN it stops at the first failure and shrinks it all the way
        assertThat(o.failureFound()).isTrue();
        assertThat(o.check()).isEqualTo("no-lost-acked-orders");
        assertThat(ExplorationSummary.describe(o.found()))
            .isEqualTo("kill {service: leader} at 2s for 2s; kill {service: config} at 7s for 1s");
        assertThat(ExplorationSummary.describe(o.minimal())).isEqualTo("kill {service: leader} at 2s for 1s");
        assertThat(o.attempts()).extracting(Explorer.Attempt::label).containsExactly("schedule 0", "shrink 1", "shrink 2");
        assertThat(o.attempts()).extracting(Explorer.Attempt::kept).containsExactly(true, true, true);
        assertThat(o.proof().runDir()).isEqualTo(Path.of("runs", "shrink-2"));
        assertThat(o.shrinkCapped()).isFalse();
        assertThat(o.stopped()).isFalse();
    }

    @Test
    void aCandidateFailingAnotherCheckIsNotKept() throws Exception {
        // GIVEN a stand-in where both kills fail balances-conserved (the check found), the leader's alone another check
        Explorer.Trial trial = (label, schedule) -> {
            ran.add(schedule);
            boolean leader = schedule.stream().anyMatch(ExplorerTest::killsTheLeader);
            boolean config = schedule.stream().anyMatch(s -> s.target().equals(new FaultTarget.ServiceTarget("config")));
            List<String> failed = new ArrayList<>();
            if (leader && config) {
                failed.add("balances-conserved");
            }
            if (leader) {
                failed.add("no-lost-acked-orders");
            }
            return new Explorer.Result(failed.isEmpty() ? Verdict.PASS : Verdict.FAIL, failed, null);
        };

        // WHEN
        Explorer.Outcome o = explorer(19, 5, 50).explore(trial, () -> false, a -> { });

        // THEN neither step alone fails balances-conserved: the two steps are minimal, though durations shrink
        assertThat(o.check()).isEqualTo("balances-conserved");
        assertThat(o.attempts()).anySatisfy(a -> assertThat(a.result().failedChecks()).containsExactly("no-lost-acked-orders"));
        assertThat(o.minimal()).hasSize(2);
        assertThat(o.attempts().stream().filter(a -> a.shrink() && a.kept())).allSatisfy(a -> assertThat(a.schedule()).hasSize(2));
        assertThat(ExplorationSummary.describe(o.minimal()))
            .isEqualTo("kill {service: leader} at 2s for 1s; kill {service: config} at 7s for 1s");
    }

    @Test
    void nothingFoundAfterTheRunsAllowed() throws Exception {
        Explorer.Outcome o = explorer(19, 4, 50).explore(failsWhen(s -> false), () -> false, a -> { });
        assertThat(o.failureFound()).isFalse();
        assertThat(o.attempts()).hasSize(4).allSatisfy(a -> assertThat(a.shrink()).isFalse());
    }

    @Test
    void theShrinkStopsAtItsLimitKeepingTheSmallestFailureSoFar() throws Exception {
        Explorer.Outcome o = explorer(19, 5, 1).explore(failsWhen(ExplorerTest::killsTheLeader), () -> false, a -> { });
        assertThat(o.attempts()).hasSize(2);
        assertThat(ExplorationSummary.describe(o.minimal())).isEqualTo("kill {service: leader} at 2s for 2s");
        assertThat(o.shrinkCapped()).isTrue();
        assertThat(ExplorationSummary.markdown("./chaos explore --seed 19", o, Path.of("explored.yaml"), Path::toString))
            .contains("Result: a failure of `no-lost-acked-orders` found after 1 schedule, shrunk from 2 to 1 step in 1 run")
            .contains("| shrink 1 | FAIL | no-lost-acked-orders | yes | kill {service: leader} at 2s for 2s | runs/shrink-1 |")
            .contains("2. shrink 1: kill {service: leader} at 2s for 2s")
            .contains("Scenario: `explored.yaml`")
            .contains("Proved by the run: `runs/shrink-1`")
            .contains("The shrink stopped at its limit of runs");
    }

    @Test
    void aStopKeepsWhatWasFound() throws Exception {
        // GIVEN a stop that comes while the shrink runs
        AtomicBoolean stop = new AtomicBoolean();
        Explorer.Outcome o = explorer(19, 5, 50).explore(failsWhen(ExplorerTest::killsTheLeader), stop::get,
            a -> stop.set(a.shrink()));

        // THEN the smallest failure so far is kept
        assertThat(o.stopped()).isTrue();
        assertThat(o.failureFound()).isTrue();
        assertThat(o.attempts()).hasSize(2);
        assertThat(o.minimal()).hasSize(1);
    }

    @Test
    void aStopBeforeAnyFailureEndsWithNothing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Explorer.Outcome o = explorer(19, 5, 50).explore(failsWhen(s -> false), stop::get, a -> stop.set(true));
        assertThat(o.stopped()).isTrue();
        assertThat(o.failureFound()).isFalse();
        assertThat(o.attempts()).hasSize(1);
    }
}
