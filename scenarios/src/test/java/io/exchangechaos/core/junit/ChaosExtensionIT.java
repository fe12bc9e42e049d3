package io.exchangechaos.core.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * The JUnit 5 extension runs a real scenario — the staged exchange on local processes, Gatling load, a region killed
 * and restarted — once for the class, and injects what it proved into each test method.
 */
@ChaosScenario(value = "src/test/resources/junit/short-region-loss.yaml", out = "target/chaos-runs-junit")
class ChaosExtensionIT {

    @Test
    void theOutcomeOfTheRealRunIsInjected(RunOutcome outcome) {
        assertThat(outcome.scenario().name()).isEqualTo("short-region-loss");
        assertThat(outcome.orders().sent()).as("orders sent under load").isGreaterThan(500);
        assertThat(outcome.faults()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("kill");
            assertThat(f.healedAt()).as("healed").isNotNull();
        });
        // the verdict is data the test can read: the lost-order invariant agrees with the order accounting
        assertThat(outcome.invariants()).filteredOn(i -> i.name().equals("no-lost-acked-orders")).singleElement()
            .satisfies(i -> assertThat(i.violations()).isEqualTo(outcome.orders().lost()));
        assertThat(outcome.verdict()).isNotNull();
    }

    @Test
    void theRunDirectoryIsInjectedToo(ScenarioRunner.Result result, RunOutcome outcome) throws Exception {
        assertThat(result.outcome()).isSameAs(outcome);
        var report = new ObjectMapper().readTree(result.runDir().resolve("report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo(outcome.verdict().name());
        assertThat(report.path("runId").asText()).isEqualTo(outcome.runId());
    }
}
