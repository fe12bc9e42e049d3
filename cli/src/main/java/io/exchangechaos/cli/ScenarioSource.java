package io.exchangechaos.cli;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.yaml.Problem;
import io.exchangechaos.core.yaml.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario as named on the command line: a file path, or the name of a library scenario ({@code ./chaos list}).
 *
 * @param given as the user wrote it; problems are reported against it
 * @param file  the file to read, or null for a library scenario
 */
record ScenarioSource(String given, Path file, String libraryName) {

    /** Where a library scenario lives, for reports: its path inside the scenarios jar. */
    Path reportedFile() {
        return file != null ? file : Path.of(Library.FOLDER + libraryName + ".yaml");
    }

    /** The name to show before the scenario is read. */
    String label() {
        return file != null ? given : libraryName;
    }

    /**
     * An existing file wins over a library name; a name that is neither says which scenarios exist.
     *
     * @return the source, or a problem line (what was wrong and how to fix it)
     */
    static Resolved resolve(String given) {
        Path path = Path.of(given);
        if (Files.isRegularFile(path)) {
            return new Resolved(new ScenarioSource(given, path, null), null);
        }
        if (Files.isDirectory(path)) {
            return new Resolved(null, "scenario [" + given + "]: is a directory; pass a scenario file (.yaml) or a library name (./chaos list)");
        }
        String name = given.endsWith(".yaml") && !given.contains("/") ? given.substring(0, given.length() - 5) : given;
        if (Library.yaml(name).isPresent()) {
            return new Resolved(new ScenarioSource(given, null, name), null);
        }
        if (given.contains("/") || given.contains("\\") || given.endsWith(".yaml") || given.endsWith(".yml")) {
            return new Resolved(null, "scenario [" + given + "]: no such file; check the path (relative to "
                + Path.of("").toAbsolutePath() + "), or name a library scenario (./chaos list)");
        }
        List<String> names = Library.names();
        return new Resolved(null, "scenario [" + given + "]: not a file and not a library scenario; "
            + Suggestions.closest(given, names).map(c -> "did you mean " + c + "? ").orElse("")
            + "library scenarios: " + String.join(", ", names));
    }

    record Resolved(ScenarioSource source, String problem) {
    }

    /** What is odd about the scenario though it is valid, each line {@code warning: file:line:col: …}. */
    List<String> warnings() {
        String yaml;
        try {
            yaml = file == null ? Library.yaml(libraryName).orElseThrow() : Files.readString(file);
        } catch (IOException e) {
            return List.of();
        }
        return Scenarios.warnings(yaml, file == null ? libraryName + ".yaml" : given).stream()
            .map(p -> "warning: " + p).toList();
    }

    /**
     * Reads and checks the scenario.
     *
     * @throws ScenarioDefinitionException with every problem, located in the file as the user named it
     */
    Scenario load() {
        if (file == null) {
            return Scenarios.parse(Library.yaml(libraryName).orElseThrow(), libraryName + ".yaml");
        }
        try {
            return Scenarios.load(file);
        } catch (ScenarioDefinitionException e) {
            // the loader names the file by its last segment; the user wants the path they typed. Problems of the
            // topology the scenario names keep that file's name.
            String loaderName = file.getFileName().toString();
            throw new ScenarioDefinitionException(e.problems().stream()
                .map(p -> p.file().equals(loaderName) || p.file().equals(file.toString())
                    ? new Problem(given, p.line(), p.column(), p.path(), p.value(), p.message()) : p)
                .toList());
        }
    }
}
