package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.ManifestWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real short runs (about 25 s each) signed as a user signs them: with the private key's text in
 * {@code CHAOS_SIGNING_KEY} as CI hands a secret over, with {@code --signing-key FILE}, and not at all. The key reaches
 * no file of the run; {@code report verify --key} passes with the run's own public key only, and fails (exit 1, naming
 * why) with another key, after one artifact is edited, after the manifest is recomputed for an edit, with the signature
 * removed, and on an unsigned run; {@code report pdf} prints the run, read back with pdftotext.
 */
class SignedRunIT {
    private static Path work;
    private static Path scenario;

    @BeforeAll
    static void keys() throws Exception {
        work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/signed-run-it/" + System.nanoTime()));
        scenario = Path.of(SignedRunIT.class.getClassLoader().getResource("signed/short-run.yaml").toURI());
        for (String dir : List.of("keys", "other")) {
            Launcher.Result init = Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), "keys", "init", dir);
            assertThat(init.exit()).as(init.out() + init.err()).isZero();
        }
    }

    @Test
    void aRunSignedWithTheCiSecretVerifiesWithItsPublicKeyOnlyAndNamesEveryEdit() throws Exception {
        // GIVEN the private key's text as a CI secret hands it over
        String pem = Files.readString(work.resolve("keys/chaos-signing.key"));

        // WHEN a short run is given it
        Launcher.Result run = Launcher.chaos(work, Map.of("CHAOS_SIGNING_KEY", pem), Duration.ofMinutes(5),
            "run", scenario.toString(), "--out", "runs-ci");

        // THEN it is signed, by that key, and says so
        Path runDir = runDir(run);
        JsonNode report = ReportJson.mapper().readTree(runDir.resolve("report.json").toFile());
        String keyId = report.at("/signature/keyId").asText();
        assertThat(keyId).matches("[0-9a-f]{16}");
        assertThat(report.at("/signature/algorithm").asText()).isEqualTo("Ed25519");
        assertThat(run.out()).contains("Signing: each run's manifest with key id " + keyId + " (Ed25519)")
            .contains("Signed:  " + work.relativize(runDir) + "/manifest.sig (key id " + keyId + ")");
        assertThat(runDir.resolve("manifest.sig")).isRegularFile();
        assertThat(report.at("/environment/variables/CHAOS_SIGNING_KEY").asText()).isEqualTo("[redacted]");
        // AND the private key is in no file of the run, nor in what it printed
        assertKeyNowhere(pem, runDir, run);

        // WHEN it is verified with its public key, with another key, and with none
        Launcher.Result verified = verify(runDir, "--key", "keys/chaos-signing.pub");
        Launcher.Result otherKey = verify(runDir, "--key", "other/chaos-signing.pub");
        Launcher.Result noKey = verify(runDir);

        // THEN only its own key passes it
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("is intact: ").contains("Signed by key id " + keyId
            + " (Ed25519): the signature of manifest.json holds under the key given [keys/chaos-signing.pub]");
        assertThat(otherKey.exit()).as(otherKey.out()).isEqualTo(1);
        assertThat(otherKey.out()).contains("SIGNATURE manifest.sig: signed by another key: key id [" + keyId + "]")
            .contains("is intact, but its signature does not hold: 1 problem in manifest.sig");
        assertThat(noKey.exit()).as(noKey.out()).isZero();
        assertThat(noKey.out()).contains("Signed by key id " + keyId + " (Ed25519), but the signature was not checked");

        // AND it prints to a PDF that says what the run was and who signed it
        Path pdf = work.resolve("signed-run.pdf");
        Launcher.Result printedPdf = Launcher.chaos(work, Map.of(), Duration.ofMinutes(2), "report", "pdf",
            runDir.toString(), pdf.toString());
        assertThat(printedPdf.exit()).as(printedPdf.out() + printedPdf.err()).isZero();
        assertThat(printedPdf.out()).startsWith("Wrote signed-run.pdf (");
        assertThat(pdfText(pdf)).contains(report.path("verdict").asText() + " — short-run")
            .contains("100 ms on the order entry link for 1 s").contains("slow the order entry link")
            .contains("by key id " + keyId + " (Ed25519)");
        assertThat(verify(runDir, "--key", "keys/chaos-signing.pub").exit()).as("the PDF went outside the run").isZero();

        // WHEN one artifact is edited and the manifest left as it was
        Path summary = runDir.resolve("summary.md");
        Path manifest = runDir.resolve("manifest.json");
        byte[] originalSummary = Files.readAllBytes(summary);
        byte[] originalManifest = Files.readAllBytes(manifest);
        Files.writeString(summary, "# PASS — short-run\n");
        Launcher.Result edited = verify(runDir, "--key", "keys/chaos-signing.pub");

        // THEN the edit is named
        assertThat(edited.exit()).as(edited.out()).isEqualTo(1);
        assertThat(edited.out()).contains("ALTERED summary.md: altered: SHA-256 [")
            .contains("was altered: 1 problem in summary.md");

        // WHEN a forger recomputes the manifest for the edit, without the private key
        ReportJson.write(ManifestWriter.build(ReportJson.read(runDir.resolve("report.json")), runDir), manifest);
        Launcher.Result forged = verify(runDir, "--key", "keys/chaos-signing.pub");

        // THEN every hash holds, but the signature does not
        assertThat(forged.exit()).as(forged.out()).isEqualTo(1);
        assertThat(forged.out()).contains("SIGNATURE manifest.json: altered after it was signed: the signature of key id ["
                + keyId + "] does not verify")
            .contains("is intact, but its signature does not hold: 1 problem in manifest.json");

        // WHEN the edit is undone but the signature removed
        Files.write(summary, originalSummary);
        Files.write(manifest, originalManifest);
        assertThat(verify(runDir, "--key", "keys/chaos-signing.pub").exit()).as("the run restored").isZero();
        Files.delete(runDir.resolve("manifest.sig"));
        Launcher.Result removed = verify(runDir, "--key", "keys/chaos-signing.pub");

        // THEN report.json, which the manifest seals, still tells that the run was signed
        assertThat(removed.exit()).as(removed.out()).isEqualTo(1);
        assertThat(removed.out()).contains("MISSING manifest.sig: missing; report.json says the run was signed");
    }

    @Test
    void aRunSignedWithAKeyFileVerifiesWithItsPublicKey() throws Exception {
        // WHEN a short run is given the private key file
        Launcher.Result run = Launcher.chaos(work, Map.of(), Duration.ofMinutes(5),
            "run", scenario.toString(), "--out", "runs-file", "--signing-key", "keys/chaos-signing.key");

        // THEN it is signed by that key, which reaches no file of the run
        Path runDir = runDir(run);
        String keyId = ReportJson.mapper().readTree(runDir.resolve("report.json").toFile()).at("/signature/keyId").asText();
        assertThat(keyId).matches("[0-9a-f]{16}");
        assertThat(run.out()).contains("Signed:  " + work.relativize(runDir) + "/manifest.sig (key id " + keyId + ")");
        assertKeyNowhere(Files.readString(work.resolve("keys/chaos-signing.key")), runDir, run);
        // AND its own public key verifies it; the other does not
        Launcher.Result verified = verify(runDir, "--key", "keys/chaos-signing.pub");
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("Signed by key id " + keyId + " (Ed25519): the signature of manifest.json "
            + "holds under the key given [keys/chaos-signing.pub]");
        assertThat(verify(runDir, "--key", "other/chaos-signing.pub").exit()).isEqualTo(1);
    }

    @Test
    void anUnsignedRunFailsVerificationWithAKeySayingItIsUnsigned() throws Exception {
        // WHEN a short run is given no key
        Launcher.Result run = Launcher.chaos(work, Map.of(), Duration.ofMinutes(5),
            "run", scenario.toString(), "--out", "runs-unsigned");

        // THEN it is intact and unsigned: that passes without a key, and fails with one, saying why
        Path runDir = runDir(run);
        assertThat(runDir.resolve("manifest.sig")).doesNotExist();
        assertThat(run.out()).doesNotContain("Signed:");
        Launcher.Result noKey = verify(runDir);
        assertThat(noKey.exit()).as(noKey.out()).isZero();
        assertThat(noKey.out()).contains("Unsigned: the run has no manifest.sig");
        Launcher.Result withKey = verify(runDir, "--key", "keys/chaos-signing.pub");
        assertThat(withKey.exit()).as(withKey.out()).isEqualTo(1);
        assertThat(withKey.out()).contains("SIGNATURE manifest.sig: missing: the run is unsigned")
            .contains("is intact, but unsigned: 1 problem in manifest.sig");
    }

    /** The run directory a finished run printed; fails with what it printed if the run did not get that far. */
    private static Path runDir(Launcher.Result run) {
        String printed = run.out() + run.err();
        System.out.println(printed);
        assertThat(run.exit()).as(printed).isNotEqualTo(2);
        Matcher runDirLine = Pattern.compile("(?m)^Run dir: (.+)$").matcher(run.out());
        assertThat(runDirLine.find()).as(printed).isTrue();
        return work.resolve(runDirLine.group(1));
    }

    /** Neither the PEM's base64 nor the raw 32-byte seed it holds, in any file of the run or in what it printed. */
    private static void assertKeyNowhere(String pem, Path runDir, Launcher.Result run) throws Exception {
        String base64 = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        byte[] der = Base64.getDecoder().decode(base64);
        // PKCS#8 of an Ed25519 key: a fixed 16-byte head every such key shares, then the secret seed
        byte[] seed = Arrays.copyOfRange(der, der.length - 32, der.length);
        List<String> forms = List.of(base64, Base64.getEncoder().encodeToString(seed), HexFormat.of().formatHex(seed),
            new String(seed, StandardCharsets.ISO_8859_1));
        for (String form : forms) {
            assertThat(run.out() + run.err()).doesNotContain(form);
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSizeGreaterThan(10);
            for (Path f : all) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String form : forms) {
                    assertThat(bytes).as("%s holds the private key", runDir.relativize(f)).doesNotContain(form);
                }
            }
        }
    }

    private static Launcher.Result verify(Path runDir, String... key) throws Exception {
        List<String> args = new ArrayList<>(List.of("report", "verify", runDir.toString()));
        args.addAll(List.of(key));
        return Launcher.chaos(work, Map.of(), Duration.ofSeconds(60), args.toArray(String[]::new));
    }

    private static String pdfText(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
