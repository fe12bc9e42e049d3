package io.exchangechaos.report.signing;

import io.exchangechaos.report.manifest.Verification.Problem;
import java.util.List;

/**
 * What {@link ManifestSignature#check} found.
 *
 * @param keyId     the key id {@code manifest.sig} names; null when unsigned or unreadable
 * @param algorithm the algorithm {@code manifest.sig} names; null when unsigned or unreadable
 * @param problems  each naming the file it is in; a check with problems fails whatever its status
 */
public record SignatureCheck(Status status, String keyId, String algorithm, List<Problem> problems) {

    public enum Status {
        /** There is no {@code manifest.sig}. */
        UNSIGNED,
        /** Signed, by the key {@code keyId} names; no public key was given, so the signature was not checked. */
        NOT_CHECKED,
        /** The signature holds for manifest.json, under the public key given. */
        VALID,
        /** The signature does not hold: see the problems. */
        INVALID
    }

    public SignatureCheck {
        problems = List.copyOf(problems);
    }

    public boolean holds() {
        return problems.isEmpty();
    }
}
