package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.report.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --signing-key FILE} and {@code CHAOS_SIGNING_KEY} on {@code run}: a key that cannot sign stops the run before
 * anything starts (exit 2, saying why, never quoting the key); a usable one is named by its key id.
 */
class SigningOptionsTest {

    @TempDir
    Path tmp;
    Path out;
    SigningKey key;
    Path keyFile;

    @BeforeEach
    void aKey() throws Exception {
        out = tmp.resolve("runs");
        key = SigningKey.generate();
        keyFile = Files.writeString(tmp.resolve("chaos-signing.key"), key.pem());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSigningKeyThatCannotSignStopsTheRunBeforeAnythingStarts() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path rsaKey = Files.writeString(tmp.resolve("id_rsa.pem"), "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path pub = Files.writeString(tmp.resolve("chaos-signing.pub"), key.verifyingKey().pem());
        Path missing = tmp.resolve("nope.key");
        Path cut = Files.writeString(tmp.resolve("cut.key"), key.pem().substring(0, 50));

        Cli rsaRun = Cli.run("run", "region-loss", "--signing-key", rsaKey.toString(), "--out", out.toString());
        Cli pubRun = Cli.run("run", "region-loss", "--signing-key", pub.toString(), "--out", out.toString());
        Cli missingRun = Cli.run("run", "region-loss", "--signing-key", missing.toString(), "--out", out.toString());
        Cli cutRun = Cli.run("run", "region-loss", "--signing-key", cut.toString(), "--out", out.toString());
        Cli emptyRun = Cli.run("run", "region-loss", "--signing-key", "", "--out", out.toString());

        assertThat(List.of(rsaRun, pubRun, missingRun, cutRun, emptyRun)).allSatisfy(c -> {
            assertThat(c.exit()).isEqualTo(2);
            assertThat(c.out()).isEmpty();
        });
        assertThat(rsaRun.err()).isEqualTo("--signing-key [" + rsaKey + "]: an RSA private key; runs are signed with "
            + "Ed25519: make a key pair with ./chaos keys init DIR\n");
        assertThat(pubRun.err()).isEqualTo("--signing-key [" + pub + "]: a public key; signing needs the private key "
            + "(chaos-signing.key); the public key (chaos-signing.pub) is for ./chaos report verify --key\n");
        assertThat(missingRun.err()).isEqualTo("--signing-key [" + missing + "]: no such file; pass the private key "
            + "./chaos keys init DIR wrote (DIR/chaos-signing.key)\n");
        assertThat(cutRun.err()).isEqualTo("--signing-key [" + cut + "]: truncated: the private key has no -----END "
            + "PRIVATE KEY----- line; copy the whole key, both marker lines included\n");
        assertThat(emptyRun.err()).isEqualTo("--signing-key []: empty; pass the private key file ./chaos keys init wrote, "
            + "e.g. --signing-key keys/chaos-signing.key\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aUsableKeyIsNamedByItsKeyIdAndAKeyOthersCanReadIsWarnedAbout() throws Exception {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        Cli cli = Cli.run("run", "region-loss", "--signing-key", keyFile.toString(), "--dry-run", "--out", out.toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Signing: each run's manifest with key id " + key.keyId() + " (Ed25519); check it "
            + "with ./chaos report verify RUN_DIR --key PUBLIC_KEY\nDry run: nothing was started.");
        assertThat(cli.err()).isEqualTo("warning: --signing-key [" + keyFile + "]: the private key can be read by other "
            + "users (mode 644); anyone who reads it can sign runs as you: chmod 600 " + keyFile + "\n");
        assertThat(cli.out() + cli.err()).doesNotContain(key.pem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void theKeysTextInTheEnvironmentSignsAndABadOneIsRefusedWithoutBeingQuoted() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----\n";

        List<String> good = new ArrayList<>();
        RunSettings fromEnv = RunSettings.check(new RunFlags(), good, Map.of("CHAOS_SIGNING_KEY", key.pem()));
        List<String> bad = new ArrayList<>();
        RunSettings refused = RunSettings.check(new RunFlags(), bad, Map.of("CHAOS_SIGNING_KEY", garbage));
        List<String> none = new ArrayList<>();
        RunSettings empty = RunSettings.check(new RunFlags(), none, Map.of("CHAOS_SIGNING_KEY", ""));

        assertThat(good).isEmpty();
        assertThat(fromEnv.runOptions().signer()).hasValueSatisfying(s -> assertThat(s.keyId()).isEqualTo(key.keyId()));
        assertThat(refused).isNull();
        assertThat(bad).containsExactly("CHAOS_SIGNING_KEY: not a readable private key (20 bytes of DER: truncated or "
            + "damaged); pass the private key ./chaos keys init DIR wrote (DIR/chaos-signing.key)");
        assertThat(bad.get(0)).doesNotContain("c2VjcmV0LWJ1dC1ub3QtYS1rZXk=");
        assertThat(none).isEmpty();
        assertThat(empty.runOptions().signer()).isEmpty();
        assertThat(empty.warnings()).containsExactly("warning: CHAOS_SIGNING_KEY is set but empty, so the run is not "
            + "signed; in CI, check that the secret exists and is given to this job");
    }

    @Test
    void theEnvironmentMayNameAKeyFileAsGitlabAndJenkinsHandSecretFilesOver() {
        List<String> problems = new ArrayList<>();
        RunSettings fromPath = RunSettings.check(new RunFlags(), problems, Map.of("CHAOS_SIGNING_KEY", keyFile.toString()));
        List<String> noFile = new ArrayList<>();
        RunSettings.check(new RunFlags(), noFile, Map.of("CHAOS_SIGNING_KEY", tmp.resolve("gone.key").toString()));

        assertThat(problems).isEmpty();
        assertThat(fromPath.signingKey()).hasValueSatisfying(k -> assertThat(k.keyId()).isEqualTo(key.keyId()));
        assertThat(noFile).containsExactly("CHAOS_SIGNING_KEY: neither a PEM key nor the path of a key file; put the text "
            + "of the chaos-signing.key that ./chaos keys init wrote in it, or the file's path");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndSaysSo() {
        RunFlags flags = new RunFlags();
        flags.signingKey = keyFile.toString();
        List<String> problems = new ArrayList<>();

        RunSettings settings = RunSettings.check(flags, problems, Map.of("CHAOS_SIGNING_KEY", SigningKey.generate().pem()));

        assertThat(problems).isEmpty();
        assertThat(settings.signingKey()).hasValueSatisfying(k -> assertThat(k.keyId()).isEqualTo(key.keyId()));
        assertThat(settings.warnings()).containsExactly("note: CHAOS_SIGNING_KEY is set too; the run is signed with "
            + "--signing-key [" + keyFile + "]");
    }
}
