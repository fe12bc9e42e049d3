package io.exchangechaos.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
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

        RunOutcome.BudgetResult faultLatency = r.outcome().budgets().stream()
            .filter(b -> b.name().startsWith("p99(place) during fault")).findFirst().orElseThrow();
        assertThat(faultLatency.verdict()).isEqualTo(Verdict.FAIL);
        // the dependency's 3 s shows through
        assertThat(faultLatency.observed()).isGreaterThan(2_500.0);
    }
}
