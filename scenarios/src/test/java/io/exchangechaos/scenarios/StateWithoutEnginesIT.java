package io.exchangechaos.scenarios;

import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A topology without a {@code kind: engine} service, on the real staged processes: its one engine is declared as a
 * plain service, as a single-process exchange's state would be. The run must not need an engine: acknowledged orders
 * are looked up one by one, and what needs a replica's state is listed as not checked, never passed.
 */
class StateWithoutEnginesIT {
    private static final Path OUT = Path.of("target/chaos-runs-it");

    @Test
    void aRunWithoutEnginesLooksOrdersUpAndListsTheReplicaInvariantsAsNotChecked() throws Exception {
        Scenario scenario = Scenario.named("no-engine")
            .on(TopologyRef.of("src/test/resources/topologies/single-region-no-engine.yaml"))
            .load(openLoad().rate(20).perSecond().during(ofSeconds(15))).build();
        RunOptions options = RunOptions.defaults().withOutRoot(OUT).withLedger(OUT.resolve("ledger.jsonl"));

        ScenarioRunner.Result r = new ScenarioRunner(options).run(scenario, null);
        RunOutcome o = r.outcome();

        assertThat(o.verdict()).as(o.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(o.orders().acked()).isGreaterThan(100);
        RunOutcome.InvariantResult lost = o.invariant(io.exchangechaos.core.scenario.Invariant.NO_LOST_ACKED_ORDERS)
            .orElseThrow();
        assertThat(lost.verdict()).isEqualTo(Verdict.PASS);
        assertThat(lost.checkedBy()).isEqualTo("per-order look-up of " + o.orders().acked() + " of " + o.orders().acked()
            + " acknowledged orders by client order id");
        assertThat(o.invariants()).filteredOn(i -> !i.checked()).extracting(RunOutcome.InvariantResult::name)
            .containsExactly("no-duplicate-orders", "fills-within-quantity", "balances-conserved", "replicas-converge");
        assertThat(o.invariants()).filteredOn(i -> !i.checked()).allSatisfy(i -> {
            assertThat(i.verdict()).isNotEqualTo(Verdict.PASS);
            assertThat(i.coverage()).isEqualTo(RunOutcome.Coverage.NOT_APPLICABLE);
        });
        JsonNode report = new ObjectMapper().readTree(r.runDir().resolve("report.json").toFile());
        assertThat(report.at("/invariants/1/coverage").asText()).isEqualTo("not-applicable");
        assertThat(report.at("/invariants/1/detail").asText()).contains("no kind: engine service");
    }
}
