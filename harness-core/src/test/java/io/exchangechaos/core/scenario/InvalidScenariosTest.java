package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue: each {@code NAME.yaml} under invalid-scenarios must fail with exactly the lines in {@code NAME.expected}. */
class InvalidScenariosTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/invalid-scenarios");

    static Stream<String> catalogue() throws IOException {
        return Files.list(CATALOGUE).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void anInvalidScenarioFailsWithExactlyItsExpectedMessages(String name) throws IOException {
        // GIVEN an invalid scenario file and the messages it must produce
        Path file = CATALOGUE.resolve(name + ".yaml");
        String expected = Files.readString(CATALOGUE.resolve(name + ".expected")).strip();

        // WHEN it is loaded
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class, () -> Scenarios.load(file));

        // THEN it fails with exactly those messages, one problem per line
        assertThat(e).as("%s must be rejected", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(e.problems()).hasSize((int) expected.lines().count());
    }

    @Test
    void theCatalogueIsLargeAndComplete() throws IOException {
        // every scenario has its expected messages
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(25);
        catalogue().forEach(name -> assertThat(CATALOGUE.resolve(name + ".expected")).exists());
    }

    @Test
    void problemsCarryTheirLocationAsData() {
        // GIVEN a scenario whose fault outlasts the load, parsed from a string
        String yaml = """
                name: region-loss
                target: {topology: multi-region}
                load: {rate: 200/s, duration: 1m}
                timeline:
                  - {at: 20s, fault: kill, target: {region: leader}, duration: 10m}
                """;

        // WHEN it is parsed
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
                () -> Scenarios.parse(yaml, "region-loss.yaml"));

        // THEN the problem says where, which field, which value, and the fix
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("region-loss.yaml");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(64);
            assertThat(p.path()).isEqualTo("timeline[0].duration");
            assertThat(p.value()).isEqualTo("10m");
            assertThat(p.toString()).isEqualTo("region-loss.yaml:5:64: timeline[0].duration [10m]: ends after the load ends at 1m; "
                    + "shorten it or lengthen load.duration");
        });
    }
}
