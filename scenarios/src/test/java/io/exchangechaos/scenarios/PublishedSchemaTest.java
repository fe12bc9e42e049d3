package io.exchangechaos.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.ScenarioSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema of scenario files ({@code docs/scenario.schema.json}) is the one generated from every fault
 * kind of the distribution: core's and the plugins' on this module's test class path.
 * Regenerate it with {@code mvn -B -pl scenarios -am test -Dtest=PublishedSchemaTest -Dschema.write=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PublishedSchemaTest {

    @Test
    void thePublishedSchemaIsTheGeneratedOne() throws Exception {
        Path published = Path.of("..", "docs", "scenario.schema.json");
        String generated = ScenarioSchema.generate(FaultKinds.registered());
        if (Boolean.getBoolean("schema.write")) {
            Files.writeString(published, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(Files.readString(published, StandardCharsets.UTF_8)).as("docs/scenario.schema.json is stale: regenerate it"
            + " with mvn -B -pl scenarios -am test -Dtest=PublishedSchemaTest -Dschema.write=true"
            + " -Dsurefire.failIfNoSpecifiedTests=false").isEqualTo(generated);
    }
}
