package io.exchangechaos.scenarios;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.ScenarioDsl.FAULT;
import static io.exchangechaos.core.scenario.ScenarioDsl.PLACE;
import static io.exchangechaos.core.scenario.ScenarioDsl.p99;

import io.exchangechaos.core.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** The pre-trade credit check slows to 3 s, then resets connections: a timeout and a breaker keep acks fast. */
class DependencyLatencyIT {
    private static final String SCENARIO = "dependency-latency";

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO)
    void aTimeoutAndABreakerKeepOrderAcksWithinBudget() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "multi-region");

        assertThat(r.outcome().faults()).hasSize(2).allSatisfy(f -> assertThat(f.type()).isEqualTo("dependency"));
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "no-dependency-timeout")
    void withoutATimeoutOrdersWaitForTheDependencyAndTheLatencyBudgetFails() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "no-dependency-timeout");

        // the dependency's 3 s shows through
        assertThat(r).budget(p99(PLACE).during(FAULT)).failed().observed().isGreaterThan(2_500.0);
    }
}
