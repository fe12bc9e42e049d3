package io.exchangechaos.report.signing;

import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * An Ed25519 public key, as {@code ./chaos keys init} writes it ({@code chaos-signing.pub}: X.509
 * SubjectPublicKeyInfo in PEM, the form {@code openssl pkey -pubout} writes): what an auditor verifies a run with.
 * Immutable.
 */
public final class VerifyingKey {
    public static final String ALGORITHM = "Ed25519";
    static final String PEM_LABEL = "PUBLIC KEY";
    /** Hex digits of the key id: 64 bits name a key among a company's few; the signature check uses the whole key. */
    static final int KEY_ID_DIGITS = 16;
    private static final String FIX = "pass the public key of the pair the runs were signed with (chaos-signing.pub, "
        + "written by ./chaos keys init DIR)";

    private final PublicKey key;
    private final String keyId;

    VerifyingKey(PublicKey key) {
        this.key = key;
        this.keyId = keyId(key);
    }

    /**
     * @param option how the user named the file, e.g. {@code --key}
     * @throws UnusableKeyException the file is missing, unreadable, or not an Ed25519 public key; the message says why
     */
    public static VerifyingKey read(Path file, String option) throws UnusableKeyException {
        String source = option + " [" + file + "]";
        return parse(KeyFiles.read(file, source, FIX), source);
    }

    /** @param source where the text came from, for the messages */
    public static VerifyingKey parse(String pem, String source) throws UnusableKeyException {
        Pem.Block block = Pem.read(pem, source, FIX);
        switch (block.label()) {
            case PEM_LABEL -> {
            }
            case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY" ->
                throw new UnusableKeyException(source + ": a private key; verify with the public key (chaos-signing.pub), "
                    + "and keep the private key away from everyone who only checks runs");
            case "RSA PUBLIC KEY" -> throw new UnusableKeyException(source + ": an RSA public key; runs are signed with "
                + "Ed25519, so no RSA key can have signed one: " + FIX);
            case "CERTIFICATE" -> throw new UnusableKeyException(source + ": a certificate; " + FIX);
            default -> throw new UnusableKeyException(source + ": a PEM block [" + block.label() + "], not a public key; "
                + FIX);
        }
        try {
            return new VerifyingKey(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(block.der())));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new UnusableKeyException(source + KeyFiles.otherKind(block.der(), false)
                .map(kind -> ": " + kind + "; runs are signed with Ed25519, so no such key can have signed one: " + FIX)
                .orElse(": not a readable public key (" + block.der().length + " bytes of DER: truncated or damaged); "
                    + FIX));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /** The first {@value #KEY_ID_DIGITS} hex digits of the SHA-256 of the key's X.509 (DER) encoding. */
    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, KEY_ID_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** Whether {@code signature} is this key's Ed25519 signature of exactly {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // a signature of the wrong length or form
        } catch (InvalidKeyException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("an Ed25519 public key verifies Ed25519 signatures", e);
        }
    }

    /** The key as {@code chaos-signing.pub} holds it. */
    public String pem() {
        return Pem.write(PEM_LABEL, key.getEncoded());
    }

    PublicKey publicKey() {
        return key;
    }
}
