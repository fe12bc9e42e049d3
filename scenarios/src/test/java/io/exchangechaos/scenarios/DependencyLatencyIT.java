package io.exchangechaos.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pre-trade credit check slows to 3 s, then resets connections: a timeout and a breaker keep acks fast. */
class DependencyLatencyIT {
    private static final Path OUT = Path.of("target", "chaos-runs-it");

    private static ScenarioRunner.Result run(RunOptions options) throws Exception {
        RunOptions o = options.withOutRoot(OUT).withLedger(OUT.resolve("ledger.jsonl"));
        return new ScenarioRunner(o).run(ScenarioLibrary.load("dependency-latency"), null);
    }

    @Test
    void aTimeoutAndABreakerKeepOrderAcksWithinBudget() throws Exception {
        ScenarioRunner.Result r = run(RunOptions.defaults());

        assertThat(r.outcome().verdict()).as(String.join("\n", r.outcome().reasons())).isEqualTo(Verdict.PASS);
        assertThat(r.outcome().faults()).hasSize(2).allSatisfy(f -> assertThat(f.type()).isEqualTo("dependency"));
    }

    @Test
    void withoutATimeoutOrdersWaitForTheDependencyAndTheLatencyBudgetFails() throws Exception {
        ScenarioRunner.Result r = run(RunOptions.defaults().withWeakness(Weakness.NO_DEPENDENCY_TIMEOUT));

        assertThat(r.outcome().verdict()).isEqualTo(Verdict.FAIL);
        RunOutcome.BudgetResult faultLatency = r.outcome().budgets().stream()
            .filter(b -> b.name().startsWith("p99(place) during fault")).findFirst().orElseThrow();
        assertThat(faultLatency.verdict()).isEqualTo(Verdict.FAIL);
        // the dependency's 3 s shows through
        assertThat(faultLatency.observed()).isGreaterThan(2_500.0);
    }
}
