package io.exchangechaos.core.run;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome redacted, signed if asked, and written by every report writer, while the stack stops: the reports that
 * need only the outcome and the history are written meanwhile; the secret scrub and the manifest wait for it, as they
 * must see the stack's logs complete.
 */
final class Reporting {
    private static final Logger LOG = LoggerFactory.getLogger(Reporting.class);

    private Reporting() {
    }

    /**
     * Writes the reports of {@code judged}, stopping {@code stack} (null: none) meanwhile; gives the outcome as reported
     * (INCONCLUSIVE if the reports could not be written).
     */
    static RunOutcome write(RunContext ctx, RunOutcome judged, Stack stack) {
        RunOutcome outcome = RunReports.redact(judged, ctx.secrets);
        if (ctx.options.signer().isPresent()) {
            outcome = outcome.signedBy(new RunOutcome.SignatureInfo(ctx.options.signer().get().keyId(),
                ctx.options.signer().get().algorithm()));
        }
        Thread stopping = null;
        if (stack != null) {
            ctx.progress().stage("stopping the stack, writing the report");
            Stack toStop = stack;
            stopping = new Thread(() -> {
                try {
                    toStop.close();
                } catch (RuntimeException e) {
                    LOG.warn("stopping the stack failed: {}", e.toString(), e);
                }
            }, "stack-stop");
            stopping.start();
        } else {
            ctx.progress().stage("writing the report");
        }
        Thread stopped = stopping;
        try {
            RunReports.write(outcome, ctx.runDir, ctx.secrets, () -> WarmUp.joinQuietly(stopped), ctx.options.signer());
        } catch (IOException e) {
            // the verdict stands on what the run saw, but without its reports nothing can be shown or checked again
            LOG.warn("reports not written: {}", e.getMessage());
            outcome = outcome.inconclusiveBecause("the reports could not all be written: " + e.getMessage()
                + RunDirSpace.check(ctx.runDir).map(full -> "; " + full).orElse(""));
        } finally {
            WarmUp.joinQuietly(stopped);
        }
        return outcome;
    }
}
