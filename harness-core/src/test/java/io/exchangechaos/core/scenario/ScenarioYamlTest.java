package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioYamlTest {

    static Stream<Path> scenarioFiles() throws IOException {
        Stream<Path> library = Files.list(ScenarioLibraryTest.LIBRARY);
        Stream<Path> dsl = Files.list(Path.of("src/test/resources/dsl"));
        return Stream.concat(library, dsl).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void writingAScenarioAndReadingItBackGivesAnEqualModel(Path file) {
        // GIVEN a scenario loaded from YAML
        Scenario scenario = Scenarios.load(file);

        // WHEN it is written out and read again
        String yaml = ScenarioYaml.write(scenario);
        Scenario again = Scenarios.parse(yaml, file.getFileName().toString());

        // THEN the model is the same, and writing it again gives the same text
        assertThat(again).isEqualTo(scenario);
        assertThat(ScenarioYaml.write(again)).isEqualTo(yaml);
    }
}
