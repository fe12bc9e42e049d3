package io.exchangechaos.report.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.ManifestWriter;
import io.exchangechaos.report.manifest.Verification.Kind;
import io.exchangechaos.report.manifest.Verification.Problem;
import io.exchangechaos.report.signing.SignatureCheck.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.sig}: the detached Ed25519 signature of the exact bytes of {@code manifest.json} in the same
 * directory, a run's or an evidence pack's. The manifest covers every other file by its SHA-256, so the signature
 * covers them all; anyone who edits a file and recomputes the manifest, without the private key, leaves a signature
 * that no longer verifies. A JSON document:
 * <pre>
 * {"signatureVersion": "1.0", "algorithm": "Ed25519", "keyId": "16 hex digits", "signs": "manifest.json",
 *  "signsSha256": "SHA-256 of manifest.json, hex", "signature": "base64 of the 64-byte signature"}
 * </pre>
 * {@code signsSha256} only helps say what went wrong (the manifest changed, or the signature did); the signature
 * decides. Anyone can check it without this tool: {@code base64 -d} the signature into a file and run
 * {@code openssl pkeyutl -verify -pubin -inkey chaos-signing.pub -rawin -in manifest.json -sigfile FILE}.
 */
public final class ManifestSignature {
    public static final String FILE = ManifestWriter.SIGNATURE;
    public static final String VERSION = "1.0";
    static final int SIGNATURE_BYTES = 64;
    private static final String MANIFEST = ManifestWriter.FILE;

    private ManifestSignature() {
    }

    /** Signs {@code dir}'s manifest.json as it is now, writing {@code dir/manifest.sig}. */
    public static void sign(Path dir, SigningKey key) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("there is no " + MANIFEST + " to sign in [" + dir + "]");
        }
        byte[] bytes = Files.readAllBytes(manifest);
        byte[] signature = key.sign(bytes);
        ObjectNode doc = ReportJson.mapper().createObjectNode()
            .put("signatureVersion", VERSION)
            .put("algorithm", VerifyingKey.ALGORITHM)
            .put("keyId", key.keyId())
            .put("signs", MANIFEST)
            .put("signsSha256", sha256(bytes))
            .put("signature", Base64.getEncoder().encodeToString(signature));
        Path tmp = dir.resolve(FILE + ".writing");
        Files.writeString(tmp, ReportJson.pretty(doc), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Checks {@code dir/manifest.sig} against {@code dir/manifest.json}, with {@code key} when one is given. Without
     * a key only the form of the signature file and the manifest's hash it records are checked, and the status is
     * {@link Status#NOT_CHECKED}: nothing then shows who signed.
     */
    public static SignatureCheck check(Path dir, Optional<VerifyingKey> key) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new SignatureCheck(Status.UNSIGNED, null, null, List.of());
        }
        List<Problem> problems = new ArrayList<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return invalid(null, null, problem("not a regular file (a link or a directory stands in its place); the "
                + "signature was replaced"));
        }
        if (Files.size(file) > KeyFiles.MAX_BYTES) {
            return invalid(null, null, problem(Files.size(file) + " bytes, too large to be a signature; it was replaced"));
        }
        JsonNode doc;
        try {
            doc = ReportJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            return invalid(null, null, problem("not valid JSON (" + firstLine(e.getMessage()) + "); the signature file "
                + "was damaged or truncated"));
        }
        if (doc == null || !doc.isObject()) {
            return invalid(null, null, problem("not a JSON object; the signature file was replaced"));
        }
        String algorithm = doc.path("algorithm").asText(null);
        String keyId = doc.path("keyId").asText(null);
        if (!VerifyingKey.ALGORITHM.equals(algorithm)) {
            problems.add(problem("[algorithm] is [" + algorithm + "]; runs are signed with " + VerifyingKey.ALGORITHM
                + " only, so the signature file was altered"));
        }
        if (keyId == null || !keyId.matches("[0-9a-f]{" + VerifyingKey.KEY_ID_DIGITS + "}")) {
            problems.add(problem("[keyId] is [" + keyId + "], not " + VerifyingKey.KEY_ID_DIGITS
                + " hex digits; the signature file was altered"));
        }
        if (!MANIFEST.equals(doc.path("signs").asText(null))) {
            problems.add(problem("[signs] is [" + doc.path("signs").asText(null) + "], not " + MANIFEST
                + "; the signature file was altered"));
        }
        byte[] signature = null;
        String encoded = doc.path("signature").asText("");
        try {
            signature = Base64.getDecoder().decode(encoded);
            if (signature.length != SIGNATURE_BYTES) {
                problems.add(problem("the signature is " + signature.length + " bytes; an " + VerifyingKey.ALGORITHM
                    + " signature is " + SIGNATURE_BYTES + ": it was truncated or altered"));
                signature = null;
            }
        } catch (IllegalArgumentException e) {
            problems.add(problem("[signature] is not base64 (" + e.getMessage() + "); it was truncated or altered"));
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            // the manifest check names what is missing; a signature of nothing neither holds nor adds to that
            return new SignatureCheck(Status.INVALID, keyId, algorithm, problems);
        }
        byte[] manifest = Files.readAllBytes(manifestFile);
        String signedSha = doc.path("signsSha256").asText("");
        boolean manifestChanged = !signedSha.equals(sha256(manifest));
        if (key.isEmpty()) {
            if (manifestChanged) {
                problems.add(new Problem(Kind.SIGNATURE, MANIFEST, "altered after it was signed: its SHA-256 is ["
                    + sha256(manifest) + "], manifest.sig signed [" + signedSha + "]"));
            }
            return new SignatureCheck(problems.isEmpty() ? Status.NOT_CHECKED : Status.INVALID, keyId, algorithm, problems);
        }
        VerifyingKey given = key.get();
        if (keyId != null && !keyId.equals(given.keyId())) {
            problems.add(problem("signed by another key: key id [" + keyId + "], but the key given has key id ["
                + given.keyId() + "]; verify with the public key of the pair that signed the run, or the run was "
                + "re-signed by someone else"));
            return invalid(keyId, algorithm, problems);
        }
        if (signature != null && !given.verifies(manifest, signature)) {
            problems.add(manifestChanged
                ? new Problem(Kind.SIGNATURE, MANIFEST, "altered after it was signed: the signature of key id ["
                    + given.keyId() + "] does not verify (its SHA-256 is [" + sha256(manifest) + "], manifest.sig signed ["
                    + signedSha + "]); a manifest recomputed after an edit cannot be signed without the private key")
                : problem("the signature is invalid: it does not verify manifest.json with key id [" + given.keyId()
                    + "], so manifest.sig was altered or forged"));
        } else if (signature != null && manifestChanged) {
            problems.add(problem("[signsSha256] was edited: the signature holds for manifest.json, whose SHA-256 is ["
                + sha256(manifest) + "], not [" + signedSha + "]"));
        }
        return new SignatureCheck(problems.isEmpty() ? Status.VALID : Status.INVALID, keyId, algorithm, problems);
    }

    private static SignatureCheck invalid(String keyId, String algorithm, Problem problem) {
        return new SignatureCheck(Status.INVALID, keyId, algorithm, List.of(problem));
    }

    private static SignatureCheck invalid(String keyId, String algorithm, List<Problem> problems) {
        return new SignatureCheck(Status.INVALID, keyId, algorithm, problems);
    }

    private static Problem problem(String message) {
        return new Problem(Kind.SIGNATURE, FILE, message);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
