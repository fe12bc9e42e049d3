package io.exchangechaos.report.signing;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading key files, and naming a key of the wrong kind, shared by {@link SigningKey} and {@link VerifyingKey}. */
final class KeyFiles {
    /** A PEM key is a few hundred bytes; an RSA key of 16,384 bits about 13 KB. Anything larger is not a key. */
    static final int MAX_BYTES = 64 * 1024;
    /** Tried in turn to name a key that is not Ed25519. */
    private static final List<String> OTHER_ALGORITHMS = List.of("RSA", "EC", "Ed448", "DSA", "X25519", "X448");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {
    }

    /** The text of a key file, or why it cannot be one. */
    static String read(Path file, String source, String fix) throws UnusableKeyException {
        if (!Files.exists(file)) {
            throw new UnusableKeyException(source + ": no such file; " + fix);
        }
        if (Files.isDirectory(file)) {
            throw new UnusableKeyException(source + ": a directory, not a key file; " + fix);
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UnusableKeyException(source + ": " + Files.size(file) + " bytes, too large to be a key; " + fix);
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new UnusableKeyException(source + ": cannot be read (permission denied); run as the key's owner, or "
                + fix);
        } catch (IOException e) {
            throw new UnusableKeyException(source + ": cannot be read (" + e.getMessage() + "); " + fix);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnusableKeyException(source + ": binary, not PEM text (a DER or PKCS#12 file?); " + fix);
        }
    }

    /** A warning when the private key file can be read or written by anyone but its owner. */
    static Optional<String> permissionWarning(Path file, String source) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
            permissions.stream().filter(OTHERS::contains).forEach(loose::add);
            if (loose.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("warning: " + source + ": the private key can be read by other users (mode "
                + mode(permissions) + "); anyone who reads it can sign runs as you: chmod 600 " + file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // no POSIX permissions to judge (another file system)
        }
    }

    private static String mode(Set<PosixFilePermission> p) {
        int mode = 0;
        for (PosixFilePermission each : p) {
            mode |= 1 << (8 - each.ordinal());
        }
        return String.format("%03o", mode);
    }

    /** {@code an RSA private key}, {@code an EC public key}…, or empty when the DER is no key the JDK reads. */
    static Optional<String> otherKind(byte[] der, boolean isPrivate) {
        for (String algorithm : OTHER_ALGORITHMS) {
            try {
                KeySpec spec = isPrivate ? new PKCS8EncodedKeySpec(der) : new X509EncodedKeySpec(der);
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                if (isPrivate) {
                    factory.generatePrivate(spec);
                } else {
                    factory.generatePublic(spec);
                }
                return Optional.of((algorithm.matches("[AEIOUX].*|RSA") ? "an " : "a ") + algorithm
                    + (isPrivate ? " private key" : " public key"));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException | RuntimeException e) {
                // not this kind
            }
        }
        return Optional.empty();
    }
}
