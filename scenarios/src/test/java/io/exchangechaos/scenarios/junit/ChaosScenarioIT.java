package io.exchangechaos.scenarios.junit;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.junit.ChaosScenario;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * {@code @ChaosScenario} runs a real scenario file — the staged exchange on local processes, Gatling load, a region
 * killed and restarted — once for the class, and injects what it proved into each test method.
 */
@ChaosScenario(value = "src/test/resources/junit/short-region-loss.yaml", out = "target/chaos-runs-junit")
class ChaosScenarioIT {

    @Test
    void theOutcomeOfTheRealRunIsInjected(RunOutcome outcome) {
        assertThat(outcome.scenario().name()).isEqualTo("short-region-loss");
        assertThat(outcome.orders().sent()).as("orders sent under load").isGreaterThan(500);
        assertThat(outcome.faults()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("kill");
            assertThat(f.healedAt()).as("healed").isPresent();
        });
        // the verdict is data the test can read: the lost-order invariant agrees with the order accounting
        assertThat(outcome.invariant(Invariant.NO_LOST_ACKED_ORDERS)).hasValueSatisfying(i ->
            assertThat(i.violations()).isEqualTo(outcome.orders().lost()));
        assertThat(outcome).hasNoLostOrders().hasNoDuplicateOrders();
    }

    @Test
    void theRunDirectoryIsInjectedToo(ScenarioRunner.Result result, RunOutcome outcome) throws Exception {
        assertThat(result.outcome()).isSameAs(outcome);
        var report = new ObjectMapper().readTree(result.runDir().resolve("report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo(outcome.verdict().name());
        assertThat(report.path("runId").asText()).isEqualTo(outcome.runId());
    }
}
