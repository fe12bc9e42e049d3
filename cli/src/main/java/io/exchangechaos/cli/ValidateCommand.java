package io.exchangechaos.cli;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks scenario files (or library scenarios) without running anything.",
        "Every problem is printed on its own line as FILE:LINE:COL: path.to.field [value]: problem; fix"},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos validate my-scenario.yaml", "  ./chaos validate region-loss dns-empty-record",
        "  ./chaos validate my-scenarios/*.yaml",
        "  ./chaos validate my-scenario.yaml --plugins lib/plugins", "", "Exit codes: 0 all valid, 2 any invalid."})
final class ValidateCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(arity = "1..*", paramLabel = "FILE|NAME", completionCandidates = Candidates.Scenarios.class,
        description = "Scenario files or library scenario names.")
    List<String> scenarios;

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginPaths.DESCRIPTION)
    List<String> plugins = new ArrayList<>();

    ValidateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        PluginPaths.install(plugins, problems);
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        int invalid = 0;
        for (String given : scenarios) {
            ScenarioSource.Resolved r = ScenarioSource.resolve(given);
            if (r.problem() != null) {
                io.err().println(r.problem());
                invalid++;
                continue;
            }
            try {
                Scenario s = r.source().load();
                r.source().warnings().forEach(io.err()::println);
                io.out().println(r.source().label() + ": valid (scenario " + s.name() + ", " + s.timeline().size()
                    + (s.timeline().size() == 1 ? " fault, " : " faults, ") + s.invariants().size() + " invariants)");
            } catch (ScenarioDefinitionException e) {
                e.problems().forEach(io.err()::println);
                invalid++;
            }
        }
        if (invalid > 0) {
            io.err().println(invalid + " of " + scenarios.size() + (scenarios.size() == 1 ? " scenario" : " scenarios")
                + " invalid");
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
