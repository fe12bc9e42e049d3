package io.exchangechaos.cli;

import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
    description = {"Heals every fault left by a run that did not finish.",
        "Works from the fault ledger alone (killed, crashed, power lost): thaws frozen processes, restarts killed "
            + "services, removes toxics and DNS faults, rolls back configs, stops processes a run started. Running it "
            + "twice is harmless.",
        "Faults of runs still alive are left alone unless --including-live-runs. An entry whose recipe calls an address "
            + "no server can listen on was never in force: it is retired, saying so. Faults healed more than 7 days ago "
            + "are compacted out of the ledger."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos cleanup", "  ./chaos cleanup --including-live-runs", "",
        "Exit codes: 0 nothing left to heal, 1 a fault could not be healed",
        "(listed: run it again, or heal it by hand)."})
final class CleanupCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--including-live-runs", description = "Also heal faults of runs that are still running.")
    boolean includingLiveRuns;

    @Option(names = "--plugins", paramLabel = "DIR",
        description = "A plugin jar, or a directory of jars, whose fault kinds the ledger may name (their heal recipes);"
            + " repeatable.")
    List<String> plugins = new ArrayList<>();

    CleanupCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        PluginPaths.install(plugins, problems);
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        Cleanup cleanup = Cleanup.of(new FaultLedger(FaultLedger.defaultPath()));
        CleanupReport report = (includingLiveRuns ? cleanup.includingLiveRuns() : cleanup).run();
        io.out().print(report.format());
        io.out().println(report.summary());
        return report.isClean() ? ExitCodes.OK : ExitCodes.FAIL;
    }
}
