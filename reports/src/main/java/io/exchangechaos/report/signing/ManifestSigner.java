package io.exchangechaos.report.signing;

import io.exchangechaos.core.run.RunSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Signs a sealed run directory's manifest with a {@link SigningKey}: what {@code --signing-key} gives the runner. */
public final class ManifestSigner implements RunSigner {
    private final SigningKey key;

    public ManifestSigner(SigningKey key) {
        this.key = key;
    }

    @Override
    public String keyId() {
        return key.keyId();
    }

    @Override
    public String algorithm() {
        return VerifyingKey.ALGORITHM;
    }

    @Override
    public List<String> secretValues() {
        return key.secretForms();
    }

    @Override
    public void sign(Path runDir) throws IOException {
        ManifestSignature.sign(runDir, key);
    }

    @Override
    public String toString() {
        return key.toString();
    }
}
