package io.exchangechaos.report.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code ./chaos keys init DIR}: a new Ed25519 key pair as {@value #PRIVATE_FILE} (PKCS#8 PEM, mode 600 from the
 * moment it exists) and {@value #PUBLIC_FILE} (X.509 SubjectPublicKeyInfo PEM). Never overwrites: when either file
 * exists, nothing is written.
 */
public final class KeyPairFiles {
    public static final String PRIVATE_FILE = "chaos-signing.key";
    public static final String PUBLIC_FILE = "chaos-signing.pub";

    /** @param privateKey the private key's file @param publicKey the public key's file */
    public record Written(Path privateKey, Path publicKey, String keyId) {
    }

    private KeyPairFiles() {
    }

    /**
     * @throws FileAlreadyExistsException either file exists already (nothing was written)
     * @throws IOException                {@code dir} cannot be created or written
     */
    public static Written init(Path dir) throws IOException {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        for (Path f : List.of(privateFile, publicFile)) {
            if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(f.toString());
            }
        }
        Files.createDirectories(dir);
        SigningKey key = SigningKey.generate();
        // created with its final mode, so the key is never readable by others, not even for an instant
        FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        Files.createFile(privateFile, ownerOnly);
        try {
            Files.writeString(privateFile, key.pem(), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            Files.writeString(publicFile, key.verifyingKey().pem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        } catch (IOException e) {
            // a private key without its public half is of no use, and a half-written one worse
            Files.deleteIfExists(privateFile);
            throw e;
        }
        return new Written(privateFile, publicFile, key.keyId());
    }
}
