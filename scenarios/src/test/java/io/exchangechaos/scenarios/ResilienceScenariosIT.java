package io.exchangechaos.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

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
        var latency = r.outcome().latency();
        assertThat(latency.get("fault").p50()).isGreaterThan(latency.get("recovery").p50());
    }

    /** Every budget and invariant, and both steps must hit the region that held the leader when the hang began. */
    @Test
    @SensitivityMatrix.Cell(scenario = "region-blackhole")
    void aHungLeaderRegionIsRoutedAround() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-blackhole", "multi-region");

        var targets = r.outcome().faults().stream().map(f -> f.target().replaceAll(".*(r\\d).*", "$1")).distinct().toList();
        assertThat(targets).as("the regions the freeze and the blackhole hit").hasSize(1);
        assertThat(r.outcome().orders().lost()).isZero();
        assertThat(r.outcome().load().trustworthy()).isTrue();
    }

    /** Every budget, and each of the three kills must have taken an engine replica (the one leading at that moment). */
    @Test
    @SensitivityMatrix.Cell(scenario = "leader-flapping")
    void aLeaderKilledThreeTimesCostsSecondsNeverOrders() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("leader-flapping", "multi-region");

        List<String> killed = r.outcome().faults().stream().map(RunOutcome.FaultWindow::target).toList();
        assertThat(killed).as("the replica each kill took").hasSize(3).allMatch(t -> t.matches("service engine-r\\d"));
        assertThat(r.outcome().orders().lost()).isZero();
        assertThat(r.outcome().orders().duplicated()).isZero();
    }

    @Test
    @SensitivityMatrix.Cell(scenario = "recovery-herd")
    void theReturningHerdIsAbsorbed() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("recovery-herd", "multi-region");

        assertThat(r.outcome().orders().duplicated()).isZero();
    }
}
