package io.exchangechaos.core.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs a run directory once it is sealed, so that a manifest recomputed after an edit, by anyone without the private
 * key, no longer verifies. The reports module implements it ({@code io.exchangechaos.report.signing.ManifestSigner});
 * the core only decides when it runs: after the secret scrub and the manifest, last of all.
 */
public interface RunSigner {

    /** Names the key without revealing it (report.json's {@code signature.keyId}, written before the manifest). */
    String keyId();

    /** The signature algorithm, e.g. {@code Ed25519}. */
    String algorithm();

    /** Every spelling of the private key a file could hold: the scrubber removes them before the manifest is written. */
    List<String> secretValues();

    /** Signs the manifest the run directory was just sealed with, writing a detached signature next to it. */
    void sign(Path runDir) throws IOException;
}
