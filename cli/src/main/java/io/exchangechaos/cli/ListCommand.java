package io.exchangechaos.cli;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Lists the scenario library.", "One line per scenario: its name, the incident it replays and a one-line summary."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos list", "  ./chaos list | cut -d' ' -f1      (just the names)", "", "Exit code: 0."})
final class ListCommand implements Callable<Integer> {
    private final Io io;

    ListCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        for (String name : Library.names()) {
            try {
                Scenario s = ScenarioSource.resolve(name).source().load();
                io.out().printf("%-18s %s | %s%n", name, s.incident().isEmpty() ? "(no incident)" : s.incident(), summary(s.description()));
            } catch (ScenarioDefinitionException e) {
                io.out().printf("%-18s (invalid: ./chaos validate %s)%n", name, name);
            }
        }
        return ExitCodes.OK;
    }

    /** The description's first sentence, on one line. */
    static String summary(String description) {
        String flat = description.strip().replaceAll("\\s+", " ");
        int end = flat.indexOf(". ");
        return end < 0 ? flat : flat.substring(0, end + 1);
    }
}
