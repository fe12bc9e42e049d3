package io.exchangechaos.report.signing;

import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Ed25519 private key, as {@code ./chaos keys init} writes it ({@code chaos-signing.key}: PKCS#8 in PEM, the form
 * {@code openssl genpkey -algorithm ed25519} writes too), with its public half. Only the JDK's own Ed25519 is used.
 * Immutable; {@link #toString()} never shows the key.
 */
public final class SigningKey {
    static final String PEM_LABEL = "PRIVATE KEY";
    /** Where the key's text comes from when no file is given: e.g. a CI secret. */
    public static final String ENVIRONMENT_VARIABLE = "CHAOS_SIGNING_KEY";
    private static final String FIX = "pass the private key ./chaos keys init DIR wrote (DIR/chaos-signing.key)";
    private static final String ED25519_FIX = "runs are signed with Ed25519: make a key pair with ./chaos keys init DIR";

    private final PrivateKey key;
    private final VerifyingKey verifying;
    private final Set<String> secretForms;

    private SigningKey(PrivateKey key, VerifyingKey verifying, Set<String> secretForms) {
        this.key = key;
        this.verifying = verifying;
        this.secretForms = secretForms;
    }

    /** A new key pair from the JDK's Ed25519 generator and its default source of randomness. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(VerifyingKey.ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), new VerifyingKey(pair.getPublic()),
                forms(Pem.write(PEM_LABEL, pair.getPrivate().getEncoded())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /**
     * @param option how the user named the file, e.g. {@code --signing-key}
     * @throws UnusableKeyException the file is missing, unreadable, or not an Ed25519 private key; the message says why
     */
    public static SigningKey read(Path file, String option) throws UnusableKeyException {
        String source = option + " [" + file + "]";
        return parse(KeyFiles.read(file, source, FIX), source);
    }

    /** A warning when the key file {@code file} can be read by other users than its owner. */
    public static Optional<String> permissionWarning(Path file, String option) {
        return KeyFiles.permissionWarning(file, option + " [" + file + "]");
    }

    /**
     * @param pem    the key's text, e.g. the value of {@value #ENVIRONMENT_VARIABLE}
     * @param source where the text came from, for the messages
     */
    public static SigningKey parse(String pem, String source) throws UnusableKeyException {
        Pem.Block block = Pem.read(pem, source, FIX);
        switch (block.label()) {
            case PEM_LABEL -> {
            }
            case "PUBLIC KEY" -> throw new UnusableKeyException(source + ": a public key; signing needs the private key "
                + "(chaos-signing.key); the public key (chaos-signing.pub) is for ./chaos report verify --key");
            case "ENCRYPTED PRIVATE KEY" -> throw new UnusableKeyException(source + ": an encrypted private key; chaos "
                + "reads an unencrypted PKCS#8 key, kept safe as a CI secret or a file only its owner reads: " + FIX);
            case "RSA PRIVATE KEY" -> throw new UnusableKeyException(source + ": an RSA private key; " + ED25519_FIX);
            case "EC PRIVATE KEY" -> throw new UnusableKeyException(source + ": an EC private key; " + ED25519_FIX);
            case "OPENSSH PRIVATE KEY" -> throw new UnusableKeyException(source + ": an OpenSSH private key; " + ED25519_FIX
                + " (or convert an Ed25519 one: ssh-keygen -p -m PKCS8 -f FILE)");
            default -> throw new UnusableKeyException(source + ": a PEM block [" + block.label() + "], not a private key; "
                + FIX);
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(VerifyingKey.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new UnusableKeyException(source + KeyFiles.otherKind(block.der(), true)
                .map(kind -> ": " + kind + "; " + ED25519_FIX)
                .orElse(": not a readable private key (" + block.der().length + " bytes of DER: truncated or damaged); "
                    + FIX));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
        Set<String> forms = forms(pem);
        forms.add(block.body());
        forms.addAll(forms(Pem.write(PEM_LABEL, key.getEncoded())));
        return new SigningKey(key, new VerifyingKey(publicHalf(key, source)), forms);
    }

    /**
     * The public half of {@code key}. The JDK has no call for it, but its generator derives the public key from 32
     * bytes of its source of randomness: given the private key's bytes as that source, it rebuilds this very pair.
     * The pair is then proved by a signature, so a JDK that generated keys otherwise would be refused, not trusted.
     */
    private static java.security.PublicKey publicHalf(PrivateKey key, String source) throws UnusableKeyException {
        byte[] scalar = ((EdECPrivateKey) key).getBytes().orElseThrow(() ->
            new UnusableKeyException(source + ": the private key's bytes cannot be read on this JDK"));
        SecureRandom replay = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(scalar, 0, bytes, 0, Math.min(bytes.length, scalar.length));
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(VerifyingKey.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, replay);
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = "exchange-chaos key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!Arrays.equals(pair.getPrivate().getEncoded(), key.getEncoded())
                || !new VerifyingKey(pair.getPublic()).verifies(probe, sign(key, probe))) {
                throw new UnusableKeyException(source + ": this JDK does not derive the public key the way chaos expects;"
                    + " sign with a Java 17 runtime (the key itself may be fine)");
            }
            return pair.getPublic();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** The key's text as given, and each line between its markers: what a leaked copy would look like in a file. */
    private static Set<String> forms(String pem) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(pem);
        forms.add(pem.strip());
        boolean inside = false;
        for (String line : pem.replace("\\n", "\n").split("\\R")) {
            String l = line.strip();
            if (l.startsWith("-----")) {
                inside = l.startsWith("-----BEGIN");
            } else if (inside && !l.isEmpty()) {
                forms.add(l);
            }
        }
        return forms;
    }

    /** Ed25519 over exactly {@code data}. */
    public byte[] sign(byte[] data) {
        return sign(key, data);
    }

    private static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(VerifyingKey.ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (NoSuchAlgorithmException | InvalidKeyException | SignatureException e) {
            throw new IllegalStateException("an Ed25519 private key signs", e);
        }
    }

    public VerifyingKey verifyingKey() {
        return verifying;
    }

    public String keyId() {
        return verifying.keyId();
    }

    /** The key as {@code chaos-signing.key} holds it. Secret: never print or log it. */
    public String pem() {
        return Pem.write(PEM_LABEL, key.getEncoded());
    }

    /** Every spelling of the key a leaked copy could take (the PEM as given, its base64 and each of its lines). */
    public List<String> secretForms() {
        return new ArrayList<>(secretForms);
    }

    @Override
    public String toString() {
        return "Ed25519 signing key " + keyId();
    }
}
