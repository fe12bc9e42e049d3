package io.exchangechaos.scenarios;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.ScenarioDsl.FAULT;
import static io.exchangechaos.core.scenario.ScenarioDsl.RECOVERY;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library scenarios that have no weakness cell of their own: the hardened stack must PASS each. */
class ResilienceScenariosIT {

    @Test
    @SensitivityMatrix.Cell(scenario = "wan-degradation")
    void aSlowWanCostsLatencyButNoOrders() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("wan-degradation", "multi-region");

        // the price of a quorum across a slow WAN shows, honestly: commits wait for a replica across it
        assertThat(r).latency(FAULT).p50().isGreaterThan(r.outcome().latency(RECOVERY).orElseThrow().p50());
    }

    /** Every budget and invariant, and both steps must hit the region that held the leader when the hang began. */
    @Test
    @SensitivityMatrix.Cell(scenario = "region-blackhole")
    void aHungLeaderRegionIsRoutedAround() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-blackhole", "multi-region");

        var targets = r.outcome().faults().stream().map(f -> f.target().replaceAll(".*(r\\d).*", "$1")).distinct().toList();
        assertThat(targets).as("the regions the freeze and the blackhole hit").hasSize(1);
        assertThat(r).hasNoLostOrders();
        assertThat(r.outcome().load().trustworthy()).as(r.outcome().load().detail()).isTrue();
    }

    /** Every budget, and each of the three kills must have taken an engine replica (the one leading at that moment). */
    @Test
    @SensitivityMatrix.Cell(scenario = "leader-flapping")
    void aLeaderKilledThreeTimesCostsSecondsNeverOrders() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("leader-flapping", "multi-region");

        List<String> killed = r.outcome().faults().stream().map(RunOutcome.FaultWindow::target).toList();
        assertThat(killed).as("the replica each kill took").hasSize(3).allMatch(t -> t.matches("service engine-r\\d"));
        assertThat(r).hasNoLostOrders().hasNoDuplicateOrders();
    }

    @Test
    @SensitivityMatrix.Cell(scenario = "recovery-herd")
    void theReturningHerdIsAbsorbed() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("recovery-herd", "multi-region");

        assertThat(r).hasNoDuplicateOrders();
    }
}
