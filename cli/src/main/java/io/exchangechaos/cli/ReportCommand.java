package io.exchangechaos.cli;

import io.exchangechaos.report.manifest.ReportVerifyMain;
import io.exchangechaos.report.pdf.PdfExport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Work with the reports of past runs.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos report verify target/chaos-runs/region-loss/latest",
        "  ./chaos report verify target/chaos-runs/region-loss/latest --key keys/chaos-signing.pub",
        "  ./chaos report pdf target/chaos-runs/region-loss/latest region-loss.pdf"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("chaos report: name a command (verify, pdf); see ./chaos report --help");
        return ExitCodes.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks every artifact of a run directory against its manifest, and the manifest's signature.",
            "Each file's SHA-256, no file missing or added, the hash chain of manifest.json, and its timeline against "
                + "report.json.",
            "With --key: that manifest.sig is a valid signature of manifest.json by that key. Without it, a signed run "
                + "is said to be signed (by key id) but its signature is not checked, and an unsigned run is said to be "
                + "unsigned.",
            "Each problem is printed on its own line, naming the file."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./chaos report verify target/chaos-runs/region-loss/latest",
            "  ./chaos report verify target/chaos-runs/region-loss/latest --key keys/chaos-signing.pub",
            "  ./chaos report verify build/chaos-runs/dns-empty-record/20250101T120000Z", "",
            "Exit codes: 0 intact (and, with --key, signed by that key), 1 altered, missing, unsigned or",
            "signed by another key (names them), 2 usage error or a key that cannot be read."})
    static final class Verify implements Callable<Integer> {
        private final Io io;

        @Parameters(paramLabel = "DIR", description = "A run directory (the one `chaos run` printed).")
        String dir;

        @Option(names = "--key", paramLabel = "PUBLIC_KEY",
            description = "The public key (chaos-signing.pub, from ./chaos keys init) the run must be signed with.")
        String key;

        Verify(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            // the reports module's verifier (ReportVerifier) and its one way of printing what it found
            List<String> args = new ArrayList<>(List.of(dir));
            if (key != null) {
                args.add("--key=" + key);
            }
            return ReportVerifyMain.run(args.toArray(String[]::new), io.out(), io.err());
        }
    }

    @Command(name = "pdf", mixinStandardHelpOptions = true,
        description = {"Prints a run directory's report (report.html) to PDF with headless Chromium, offline.",
            "For people who file documents: the verdict, the charts, every budget, invariant and fault, as the HTML "
                + "report shows them. Needs Chromium (chromium on PATH, or CHAOS_CHROMIUM=/path/to/browser).",
            "Write the PDF outside the run directory: a file added there makes ./chaos report verify fail."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./chaos report pdf target/chaos-runs/region-loss/latest region-loss.pdf", "",
            "Exit codes: 0 written, 1 Chromium failed (what it printed is shown), 2 bad input",
            "(no such run directory, OUT's directory missing, Chromium not installed: nothing written)."})
    static final class Pdf implements Callable<Integer> {
        private final Io io;
        private final Map<String, String> env;

        @Parameters(index = "0", paramLabel = "DIR", description = "A run directory (the one `chaos run` printed).")
        String dir;

        @Parameters(index = "1", paramLabel = "OUT.pdf", description = "The PDF to write; replaced if it exists.")
        String out;

        Pdf(Io io) {
            this(io, System.getenv());
        }

        Pdf(Io io, Map<String, String> env) {
            this.io = io;
            this.env = env;
        }

        @Override
        public Integer call() {
            List<String> problems = new ArrayList<>();
            Optional<PdfExport.Request> request = PdfExport.check(dir, out, env, problems);
            if (request.isEmpty()) {
                problems.forEach(p -> io.err().println("report pdf: " + p));
                return ExitCodes.USAGE;
            }
            try {
                long bytes = PdfExport.render(request.get());
                io.out().println("Wrote " + RunSession.shown(request.get().out()) + " (" + bytes / 1024 + " KB) from "
                    + RunSession.shown(request.get().page()));
                return ExitCodes.OK;
            } catch (IOException e) {
                io.err().println("report pdf: " + e.getMessage());
                return ExitCodes.FAIL;
            }
        }
    }
}
