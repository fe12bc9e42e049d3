package io.exchangechaos.scenarios.junit;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.ScenarioDsl.FAULT;
import static io.exchangechaos.core.scenario.ScenarioDsl.PLACE;
import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.kill;
import static io.exchangechaos.core.scenario.ScenarioDsl.leaderRegion;
import static io.exchangechaos.core.scenario.ScenarioDsl.p99;
import static java.time.Duration.ofSeconds;

import io.exchangechaos.core.junit.ChaosExtension;
import io.exchangechaos.core.scenario.Budget.RecoveryBudget;
import io.exchangechaos.core.scenario.Budgets;
import io.exchangechaos.core.scenario.Percentile;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.RunOutcome;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart test compiles as written and builds the scenario it describes: 100 orders/s for 40 s on the
 * hardened multi-region stack, the leader's region killed at 10 s for 15 s, a p99 budget during the fault and a
 * recovery budget with its stated defaults. {@code ReadmeQuickstartIT} runs it.
 */
class ReadmeQuickstartTest {
    @TempDir
    Path classes;

    @Test
    void theSnippetCompilesAndBuildsTheScenarioItDescribes() throws Exception {
        Class<?> quickstart = ReadmeQuickstart.compile(classes);

        Scenario s = ((ChaosExtension) ReadmeQuickstart.extension(quickstart)).scenario().orElseThrow();

        assertThat(s.name()).isEqualTo("lose-a-region");
        assertThat(s.target().topology()).isEqualTo(Topologies.MULTI_REGION);
        assertThat(s.target().weakness()).isEqualTo(Weakness.NONE);
        assertThat(s.load().rate().perSecond()).isEqualTo(100.0);
        assertThat(s.load().duration()).isEqualTo(ofSeconds(40));
        assertThat(s.timeline()).containsExactly(at(ofSeconds(10)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(15)));
        assertThat(s.budgets()).isEqualTo(Budgets.of(p99(PLACE).during(FAULT).atMost(ofSeconds(5)),
            new RecoveryBudget(ofSeconds(10), ofSeconds(3), Percentile.P99, ofSeconds(1), 0.01)));
        Method test = quickstart.getDeclaredMethod("survivesLosingTheLeadersRegion", RunOutcome.class);
        assertThat(test.isAnnotationPresent(Test.class)).isTrue();
    }

    @Test
    void theExampleProjectRunsTheREADMEsTestWordForWord() throws Exception {
        // examples/junit-quickstart is the README's test in a build of its own (.ci/run builds it)
        String example = Files.readString(ReadmeQuickstart.EXAMPLE, StandardCharsets.UTF_8);

        assertThat(example).as(ReadmeQuickstart.EXAMPLE + ": the imports, then the README's block; copy it again")
            .endsWith(ReadmeQuickstart.IMPORTS + ReadmeQuickstart.snippet());
    }
}
