package io.exchangechaos.cli;

import io.exchangechaos.report.manifest.ReportVerifyMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Work with the reports of past runs.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos report verify target/chaos-runs/region-loss/latest"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("chaos report: name a command (verify); see ./chaos report --help");
        return ExitCodes.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks every artifact of a run directory against its manifest.",
            "Each file's SHA-256, no file missing or added, the hash chain of manifest.json, and its timeline against "
                + "report.json.",
            "Each problem is printed on its own line, naming the file."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./chaos report verify target/chaos-runs/region-loss/latest",
            "  ./chaos report verify build/chaos-runs/dns-empty-record/20250101T120000Z", "",
            "Exit codes: 0 intact, 1 altered or missing (names them), 2 usage error."})
    static final class Verify implements Callable<Integer> {
        private final Io io;

        @Parameters(paramLabel = "DIR", description = "A run directory (the one `chaos run` printed).")
        String dir;

        Verify(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            // the reports module's verifier (ReportVerifier) and its one way of printing what it found
            return ReportVerifyMain.run(new String[] {dir}, io.out(), io.err());
        }
    }
}
