package io.exchangechaos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "chaos", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Chaos experiments against an exchange: replays real incidents under load and judges the outcome.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./chaos list                       the scenario library",
        "  ./chaos run region-loss            run one, print the verdict and report",
        "  ./chaos run region-loss --dry-run  print the plan, start nothing",
        "  ./chaos run --all                  every library scenario, then a table",
        "  ./chaos gameday region-loss        an operator confirms each fault",
        "  ./chaos plugins                    adapters, faults and checkers found, with jar and version",
        "  ./chaos COMMAND --help             a command's options and examples",
        "",
        "Exit codes: 0 PASS, 1 FAIL, 2 usage or definition error (nothing started),",
        "3 INCONCLUSIVE or ABORTED.",
        "Bash completion: source cli/target/chaos-completion.bash"})
final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("chaos: name a command; see ./chaos --help");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
