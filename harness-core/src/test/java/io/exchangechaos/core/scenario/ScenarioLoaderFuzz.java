package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.exchangechaos.core.yaml.Problem;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the scenario loader (Jazzer). Whatever the bytes, the loader returns a valid scenario or
 * throws {@link ScenarioDefinitionException} with located problems — never anything else: no NPE, no stack overflow,
 * no hang (a per-input limit of 20 s). A valid scenario also survives being written back out and read again.
 *
 * <p>Seeds: the scenario library and the invalid catalogue (copied in by the build). {@code mvn verify} fuzzes for
 * {@code fuzz.seconds} (30 s); {@code mvn -pl harness-core -am verify -Dfuzz.seconds=1800 -Dtest=none -DskipITs} fuzzes
 * longer. Without {@code JAZZER_FUZZ} (an IDE, a plain {@code mvn test}) only the seeds and past findings are replayed.
 */
class ScenarioLoaderFuzz {

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAScenarioOrLocatedProblems(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        Scenario scenario;
        try {
            scenario = Scenarios.parse(yaml, "fuzz.yaml");
        } catch (ScenarioDefinitionException e) {
            assertThat(e.problems()).as("a definition error names at least one problem").isNotEmpty();
            for (Problem p : e.problems()) {
                assertThat(p.file()).isEqualTo("fuzz.yaml");
                assertThat(p.hasLocation()).as("located: %s", p).isTrue();
                assertThat(p.message()).as("says what is wrong: %s", p).isNotBlank();
            }
            return;
        }
        assertThat(scenario).isNotNull();
        // one model, two spellings: what the loader accepted, written back out, reads back the same
        String written = ScenarioYaml.write(scenario);
        assertThat(Scenarios.parse(written, "fuzz-written.yaml")).as("round trip of:\n%s", written).isEqualTo(scenario);
    }
}
