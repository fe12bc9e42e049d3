package io.exchangechaos.report.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.report.json.JsonReportWriter;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.Verification.Kind;
import io.exchangechaos.report.manifest.Verification.Problem;
import io.exchangechaos.report.signing.SignatureCheck.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run directory's signature: {@link ManifestSignature#check} plus what only a run says, that report.json (sealed by
 * the manifest, so covered by the signature) names the key the run was signed with. A signature removed, or added
 * after the run, is a problem even without a key; with a key, an unsigned run fails too, since nothing shows that the
 * key's holder sealed it.
 */
public final class RunSignature {

    private RunSignature() {
    }

    public static SignatureCheck check(Path runDir, Optional<VerifyingKey> key) throws IOException {
        SignatureCheck sig = ManifestSignature.check(runDir, key);
        List<Problem> problems = new ArrayList<>(sig.problems());
        Optional<JsonNode> recorded = recorded(runDir);
        String recordedKey = recorded.map(r -> r.path("keyId").asText("?")).orElse(null);
        Status status = sig.status();
        if (sig.status() == Status.UNSIGNED) {
            if (recordedKey != null) {
                problems.add(new Problem(Kind.MISSING, ManifestSignature.FILE, "missing; report.json says the run was "
                    + "signed by key id [" + recordedKey + "], so the signature was removed"));
                status = Status.INVALID;
            } else if (key.isPresent()) {
                problems.add(new Problem(Kind.SIGNATURE, ManifestSignature.FILE, "missing: the run is unsigned, so "
                    + "nothing shows that the holder of key id [" + key.get().keyId() + "] sealed it (sign runs with "
                    + "--signing-key FILE or " + SigningKey.ENVIRONMENT_VARIABLE + ")"));
            }
        } else if (recorded.isPresent() || reportReadable(runDir)) {
            if (recordedKey == null) {
                problems.add(new Problem(Kind.SIGNATURE, ManifestSignature.FILE, "report.json records no signature, so "
                    + "the run was not signed when it ran: manifest.sig was added afterwards"));
                status = Status.INVALID;
            } else if (sig.keyId() != null && !recordedKey.equals(sig.keyId())) {
                problems.add(new Problem(Kind.SIGNATURE, ManifestSignature.FILE, "made by key id [" + sig.keyId()
                    + "], but report.json says the run was signed by key id [" + recordedKey + "]: the run was re-signed"));
                status = Status.INVALID;
            }
        }
        return new SignatureCheck(status, sig.keyId() != null ? sig.keyId() : recordedKey, sig.algorithm(), problems);
    }

    /** report.json's {@code signature} block; empty when unsigned, or report.json cannot be read (the manifest check says why). */
    private static Optional<JsonNode> recorded(Path runDir) {
        JsonNode signature = report(runDir).map(r -> r.path("signature")).orElse(null);
        return signature == null || !signature.isObject() ? Optional.empty() : Optional.of(signature);
    }

    private static boolean reportReadable(Path runDir) {
        return report(runDir).isPresent();
    }

    private static Optional<JsonNode> report(Path runDir) {
        Path file = runDir.resolve(JsonReportWriter.FILE);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            JsonNode report = ReportJson.mapper().readTree(file.toFile());
            return report != null && report.isObject() ? Optional.of(report) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
