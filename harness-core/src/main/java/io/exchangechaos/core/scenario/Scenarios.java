package io.exchangechaos.core.scenario;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.yaml.Problem;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.YamlText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Entry points for scenario files. */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * Reads and checks a scenario file; a topology given as a path is resolved against the file's directory.
     *
     * @throws ScenarioDefinitionException with every problem, each {@code file:line:col}
     */
    public static Scenario load(Path file) {
        return load(file, null);
    }

    /**
     * Reads and checks a scenario file as it will run through {@code adapter}: an invariant the adapter cannot observe
     * is a problem, located where the file names it.
     *
     * @param adapter null for the adapter the scenario's topology names
     * @throws ScenarioDefinitionException with every problem, each {@code file:line:col}
     */
    public static Scenario load(Path file, ExchangeAdapter adapter) {
        String fileName = file.getFileName().toString();
        Problems problems = new Problems(fileName);
        Optional<String> yaml;
        try {
            yaml = YamlText.read(file, problems);
        } catch (IOException e) {
            throw new ScenarioDefinitionException(List.of(new Problem(file.toString(), 0, 0, "", "",
                    "can't read the scenario file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check the path")));
        }
        if (yaml.isEmpty()) {
            throw new ScenarioDefinitionException(problems.list());
        }
        return ScenarioReader.read(yaml.get(), fileName, file.toAbsolutePath().getParent(), adapter);
    }

    /**
     * Warnings about a valid scenario file (steps on one target that overlap oddly), each {@code file:line:col}, named
     * as {@code displayName}; empty when there are none, or when the file has problems ({@link #load} reports those).
     */
    public static List<Problem> warnings(String yaml, String displayName) {
        return ScenarioReader.warnings(yaml, displayName);
    }

    /**
     * Reads and checks scenario YAML; {@code fileName} is used in problem locations. A topology given as a path is
     * resolved against the working directory.
     */
    public static Scenario parse(String yaml, String fileName) {
        return ScenarioReader.read(yaml, fileName, null);
    }

    /** {@link #parse(String, String)} as the scenario will run through {@code adapter} (null: its topology's). */
    public static Scenario parse(String yaml, String fileName, ExchangeAdapter adapter) {
        return ScenarioReader.read(yaml, fileName, null, adapter);
    }
}
