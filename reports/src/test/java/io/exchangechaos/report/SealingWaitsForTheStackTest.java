package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.RunReports;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner stops the stack while the reports are written: what the stack writes before the seal (its last log
 * lines) is scrubbed of secrets and sealed in the manifest, and the reports that need only the outcome and the
 * history are already written when the runner starts waiting for the stack.
 */
class SealingWaitsForTheStackTest {
    @TempDir
    Path root;

    @Test
    void theManifestSealsWhatTheStackWroteBeforeSealingAndTheOtherReportsDoNotWaitForIt() throws Exception {
        Path runDir = Fixture.FAIL.runDir(root);
        Files.createDirectories(runDir.resolve("logs"));
        Secrets secrets = Secrets.builder().environment(Map.of("CHAOS_API_TOKEN", "tok-5f1c9e77")).build();
        String[] presentWhenWaiting = new String[1];

        RunReports.write(Fixture.FAIL.outcome().toOutcome(), runDir, secrets, () -> {
            presentWhenWaiting[0] = List.of("report.json", "junit.xml", "summary.md", "report.html", "manifest.json").stream()
                .filter(f -> Files.exists(runDir.resolve(f))).toList().toString();
            try {
                // the stack's last words, as a gateway logs them while it shuts down
                Files.writeString(runDir.resolve("logs/gateway-r1.log"), "shutting down, token tok-5f1c9e77\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(presentWhenWaiting[0]).isEqualTo("[report.json, junit.xml, summary.md, report.html]");
        assertThat(runDir.resolve("logs/gateway-r1.log")).content().isEqualTo("shutting down, token [redacted]\n");
        assertThat(Files.readString(runDir.resolve("manifest.json"))).contains("logs/gateway-r1.log");
        var verification = ReportVerifier.verify(runDir);
        assertThat(verification.intact()).as(verification.problems().toString()).isTrue();
    }
}
