package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.core.run.RunReports;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportSchema;
import io.exchangechaos.report.manifest.ReportVerifier;
import io.exchangechaos.report.signing.ManifestSigner;
import io.exchangechaos.report.signing.RunSignature;
import io.exchangechaos.report.signing.SignatureCheck;
import io.exchangechaos.report.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed run as the runner writes it ({@link RunReports} with a signer): the signature comes after the scrub and the
 * manifest, covers report.json's signature block, and the private key reaches no file, even one a service wrote with
 * the key in it.
 */
class SigningComesLastTest {

    @TempDir
    Path root;

    @Test
    void theManifestIsSignedLastAndThePrivateKeyReachesNoFile() throws Exception {
        // GIVEN a run whose environment carries the key (a CI secret), echoed into a service's log
        SigningKey key = SigningKey.generate();
        String pem = key.pem();
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        Path runDir = Fixture.FAIL.runDir(root);
        Files.writeString(runDir.resolve("logs/engine-r1.log"), "environment: CHAOS_SIGNING_KEY=" + pem.replace("\n", "\\n")
            + "\nkey line " + body + "\n", java.nio.file.StandardOpenOption.APPEND);
        RunOutcome withKey = Fixture.FAIL.outcome().toOutcome().toBuilder()
            .environment(new RunOutcome.Environment("17", "Linux", 2, "abc", "0.1.0", "host",
                Map.of("CHAOS_SIGNING_KEY", pem), List.of()))
            .build().signedBy(new RunOutcome.SignatureInfo(key.keyId(), "Ed25519"));

        // WHEN the reports are written with the signer, the secrets knowing nothing of the key themselves
        RunReports.write(RunReports.redact(withKey, Secrets.none()), runDir, Secrets.none(), () -> { },
            Optional.of(new ManifestSigner(key)));

        // THEN no file holds the key, in any form a file could
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> runDir.relativize(f).toString()).contains("manifest.sig", "manifest.json");
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(runDir.relativize(f).toString()).doesNotContain(body).doesNotContain(body.substring(20, 60));
        }
        assertThat(Files.readString(runDir.resolve("logs/engine-r1.log"))).contains("key line [redacted]");
        // AND report.json names the key, sealed by the manifest, which the signature covers
        JsonNode report = ReportJson.mapper().readTree(runDir.resolve("report.json").toFile());
        assertThat(report.at("/signature/keyId").asText()).isEqualTo(key.keyId());
        assertThat(report.at("/environment/variables/CHAOS_SIGNING_KEY").asText()).isEqualTo("[redacted]");
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(ReportVerifier.verify(runDir).problems()).isEmpty();
        SignatureCheck check = RunSignature.check(runDir, Optional.of(key.verifyingKey()));
        assertThat(check.problems()).isEmpty();
        assertThat(check.status()).isEqualTo(SignatureCheck.Status.VALID);
    }
}
