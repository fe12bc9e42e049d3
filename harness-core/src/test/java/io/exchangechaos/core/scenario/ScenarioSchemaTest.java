package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema generated from the fault kinds and the loader must agree: both accept the valid scenarios, both reject these. */
class ScenarioSchemaTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ScenarioSchema.generate(FaultKinds.registered()));
    }

    static Stream<Path> validScenarios() throws IOException {
        return ScenarioYamlTest.scenarioFiles();
    }

    /** Invalid files the schema can judge on its own (no topology, no arithmetic over the timeline). */
    static Stream<String> schemaDetectable() {
        return Stream.of("unknown-key-with-suggestion", "unknown-root-key", "missing-name", "missing-load-rate",
                "wrong-type-symbols", "duration-without-unit", "duration-negative", "duration-spelled-out",
                "unknown-fault-type", "unknown-weakness", "unknown-percentile", "error-ratio-above-one", "unknown-invariant",
                "rate-without-unit", "two-target-kinds", "target-kind-mismatch", "latency-param-missing", "unknown-param",
                "many-problems", "not-a-mapping");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validScenarios")
    void theSchemaAcceptsEveryValidScenario(Path file) throws IOException {
        // GIVEN a scenario the loader accepts
        Scenarios.load(file);

        // WHEN the schema checks it THEN it finds nothing
        assertThat(validate(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaDetectable")
    void theSchemaRejectsWhatTheLoaderRejects(String name) throws IOException {
        // GIVEN an invalid scenario from the catalogue WHEN the schema checks it THEN it is rejected too
        assertThat(validate(Path.of("src/test/resources/invalid-scenarios", name + ".yaml"))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validScenarios")
    void theSchemaAcceptsWhatTheWriterWrites(Path file) throws IOException {
        // GIVEN a scenario written back out as YAML WHEN the schema checks it THEN it finds nothing
        JsonNode written = YAML.readTree(ScenarioYaml.write(Scenarios.load(file)));
        assertThat(schema.validate(written)).isEmpty();
    }

    private static Set<ValidationMessage> validate(Path file) throws IOException {
        JsonNode node = YAML.readTree(Files.readString(file));
        return schema.validate(node);
    }
}
