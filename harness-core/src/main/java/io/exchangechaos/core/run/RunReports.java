package io.exchangechaos.core.run;

import io.exchangechaos.core.secret.Redactions;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's reports with every {@link ReportWriter} on the class path, keeping secrets out of them: the outcome
 * is redacted before any writer sees it, and the whole run directory (history, logs, scenario, every report) is
 * scrubbed of known secret values before the manifest seals it.
 */
public final class RunReports {
    /** Writers at this order seal the run directory (the manifest): nothing may change a file after them. */
    public static final int SEALING_ORDER = Integer.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(RunReports.class);

    private RunReports() {
    }

    /**
     * {@code outcome} with every text redacted and every secret-named environment variable's value replaced, carrying
     * the tally of what was: the tally {@code secrets} counts into ({@link Secrets#countingInto}, which the runner also
     * gives to what it redacts earlier: the environment, the scenario copy), else a tally of this outcome alone.
     */
    public static RunOutcome redact(RunOutcome outcome, Secrets secrets) {
        Secrets counting = secrets.isCounting() ? secrets : secrets.countingInto(new Redactions());
        return outcome.mapText(counting::redact, counting::redactField).withRedactions(counting.tally().counts());
    }

    /** Runs every report writer into {@code runDir}, scrubbing the directory of secrets before it is sealed. */
    public static void write(RunOutcome outcome, Path runDir, Secrets secrets) throws IOException {
        write(outcome, runDir, secrets, () -> { });
    }

    /**
     * As {@link #write(RunOutcome, Path, Secrets)}, running {@code beforeSealing} after the writers that read only the
     * outcome and the history, and before the directory is scrubbed and sealed: the runner stops the stack meanwhile,
     * and waits there until its logs are complete.
     */
    public static void write(RunOutcome outcome, Path runDir, Secrets secrets, Runnable beforeSealing) throws IOException {
        write(outcome, runDir, secrets, beforeSealing, Optional.empty());
    }

    /**
     * As {@link #write(RunOutcome, Path, Secrets, Runnable)}, then signs the sealed directory with {@code signer}:
     * last, as the signature covers the manifest's exact bytes. The outcome
     * should already name the signer ({@link RunOutcome#signedBy}), as report.json is sealed before it is signed; the
     * private key's spellings join the secrets the directory is scrubbed of.
     */
    public static void write(RunOutcome outcome, Path runDir, Secrets secrets, Runnable beforeSealing,
                             Optional<RunSigner> signer) throws IOException {
        if (signer.isPresent()) {
            Secrets.Builder key = Secrets.builder();
            signer.get().secretValues().forEach(key::value);
            secrets = secrets.and(key.build());
        }
        List<ReportWriter> writers = new ArrayList<>();
        ServiceLoader.load(ReportWriter.class).forEach(writers::add);
        writers.sort(Comparator.comparingInt(ReportWriter::order));
        if (writers.isEmpty()) {
            LOG.warn("No report writer on the class path, so run {} leaves no report in [{}]; add the artifact"
                + " io.exchangechaos:reports to the class path", outcome.runId(), runDir);
        }
        boolean scrubbed = false;
        boolean sealing = false;
        IOException failed = null;
        for (ReportWriter w : writers) {
            if (w.order() >= SEALING_ORDER && !scrubbed) {
                beforeSealing.run();
                secrets.scrubTree(runDir);
                scrubbed = true;
                sealing = true;
            }
            try {
                w.write(outcome, runDir);
            } catch (IOException | UncheckedIOException e) {
                failed = failed(failed, w, runDir, e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
            }
        }
        if (!scrubbed) {
            beforeSealing.run();
            secrets.scrubTree(runDir);
        }
        // the signer refuses a directory whose manifest was not written (report.json still names the key: verify says
        // the signature is missing)
        if (sealing && signer.isPresent()) {
            try {
                signer.get().sign(runDir);
            } catch (IOException | UncheckedIOException e) {
                IOException io = e instanceof IOException i ? i : ((UncheckedIOException) e).getCause();
                IOException named = new IOException("could not sign the manifest in [" + runDir + "]: " + io.getMessage(), io);
                if (failed == null) {
                    failed = named;
                } else {
                    failed.addSuppressed(named);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * A writer that failed (a full disk) leaves none of its files: a truncated report.json must not pass for one. The
     * other writers still run; the first failure is thrown once they have, the others suppressed in it.
     */
    private static IOException failed(IOException first, ReportWriter w, Path runDir, IOException e) {
        for (String f : w.files()) {
            try {
                Files.deleteIfExists(runDir.resolve(f));
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
        }
        IOException named = new IOException("could not write " + (w.files().isEmpty() ? w.getClass().getSimpleName()
            : String.join(", ", w.files())) + " in [" + runDir + "]: " + e.getMessage(), e);
        if (first == null) {
            return named;
        }
        first.addSuppressed(named);
        return first;
    }
}
