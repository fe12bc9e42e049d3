package io.exchangechaos.cli;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.signing.ManifestSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One scenario run from the command line: the runner, wired to stop cleanly on Ctrl-C, and the verdict printed at
 * the end with its reasons and where the report is.
 */
final class RunSession {
    /** How long a stopping run may take to heal its faults and write its report. */
    static final Duration ABORT_GRACE = Duration.ofMinutes(3);

    private RunSession() {
    }

    /**
     * Runs {@code p}; a SIGINT, SIGTERM or SIGHUP aborts it (faults healed, report written, verdict ABORTED, exit 3).
     *
     * @param interrupted set when the operator interrupted, so {@code run --all} stops after this scenario
     */
    static ScenarioRunner.Result run(RunSettings.Prepared p, RunOptions options, ScenarioRunner runner, Io io,
                                     AtomicBoolean interrupted) throws IOException {
        CountDownLatch reported = new CountDownLatch(1);
        // The shutdown hook covers what no handler catches (a signal the JVM was started ignoring, System.exit
        // elsewhere): it holds the JVM until the faults are healed and the report is written.
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            runner.abort("JVM shutdown");
            try {
                runner.awaitFinished(ABORT_GRACE);
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-abort-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        // The signals are handled rather than left to the hook, so that Ctrl-C, a CI job's SIGTERM or a lost terminal
        // end like any abort: the verdict and the report path printed, and the contract's exit code 3 (ABORTED)
        // instead of the JVM's 130 or 143.
        Interrupts.Handle signals = Interrupts.on(Interrupts.ABORTING, signal -> {
            if (interrupted.getAndSet(true)) {
                io.err().println("\nstill healing faults and writing the report; wait for it (kill -9 leaves faults: then run ./chaos cleanup)");
            } else {
                io.err().println("\n" + (signal.equals("SIGINT") ? "Ctrl-C" : signal)
                    + ": aborting the run; healing every fault and writing the report…");
            }
            runner.abort(signal);
        });
        try {
            return runner.run(p.effective(), p.source().reportedFile());
        } finally {
            signals.restore();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this run, which has just finished
            }
        }
    }

    /** The verdict, each reason, and where the report is. */
    static void printResult(ScenarioRunner.Result result, PrintStream out) {
        RunOutcome o = result.outcome();
        out.println();
        out.println("Verdict: " + o.verdict() + " (" + o.scenario().name() + ", exit " + o.verdict().exitCode() + ")");
        for (Finding finding : o.findings()) {
            out.println("  - " + finding);
        }
        List<String> notChecked = o.invariants().stream().filter(i -> !i.checked())
            .map(i -> i.name() + " (" + i.detail() + ")").toList();
        if (!notChecked.isEmpty()) {
            // never passed: the run could not observe them, and says so
            out.println("Not checked: " + notChecked.size() + (notChecked.size() == 1 ? " invariant" : " invariants"));
            notChecked.forEach(n -> out.println("  - " + n));
        }
        Path html = result.runDir().resolve("report.html");
        out.println("Report:  " + (Files.isRegularFile(html) ? shown(html) : "not written (the reasons above say why)"));
        out.println("Run dir: " + shown(result.runDir()));
        out.flush();
    }

    /** For a signed run: the key id and the signature file, or that the signature could not be written. */
    static void printSignature(ScenarioRunner.Result result, PrintStream out) {
        RunOutcome.SignatureInfo signature = result.outcome().signature().orElse(null);
        if (signature == null) {
            return;
        }
        Path sig = result.runDir().resolve(ManifestSignature.FILE);
        out.println("Signed:  " + (Files.isRegularFile(sig) ? shown(sig) + " (key id " + signature.keyId() + ")"
            : "no; the manifest could not be signed (the reasons above say why)"));
        out.flush();
    }

    /** Relative to the working directory when under it: shorter, and what the user typed with --out. */
    static Path shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }
}
