package io.exchangechaos.report.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SigningKeyTest {
    static final String FIX = "pass the private key ./chaos keys init DIR wrote (DIR/chaos-signing.key)";
    static final String ED25519 = "runs are signed with Ed25519: make a key pair with ./chaos keys init DIR";

    @TempDir
    Path tmp;

    @Test
    void a_key_read_back_from_its_pem_signs_what_its_public_half_verifies() throws Exception {
        // GIVEN a new key, written as keys init writes it
        SigningKey generated = SigningKey.generate();
        String pem = generated.pem();

        // WHEN it is read back from its text alone
        SigningKey read = SigningKey.parse(pem, "CHAOS_SIGNING_KEY");

        // THEN the public half is derived again, and signatures verify under it
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(read.verifyingKey().pem()).isEqualTo(generated.verifyingKey().pem());
        byte[] data = "manifest bytes\n".getBytes(StandardCharsets.UTF_8);
        byte[] signature = read.sign(data);
        assertThat(signature).hasSize(64);
        assertThat(generated.verifyingKey().verifies(data, signature)).isTrue();
        assertThat(generated.verifyingKey().verifies("manifest bytes \n".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void the_key_id_is_the_first_16_hex_digits_of_the_sha256_of_the_public_key_der() throws Exception {
        SigningKey key = SigningKey.generate();
        String pub = key.verifyingKey().pem();
        byte[] der = Base64.getDecoder().decode(pub.replaceAll("-----[A-Z ]+-----|\\s", ""));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);

        assertThat(key.keyId()).isEqualTo(expected).matches("[0-9a-f]{16}");
        assertThat(key.verifyingKey().keyId()).isEqualTo(expected);
        assertThat(key.toString()).isEqualTo("Ed25519 signing key " + expected).doesNotContain("BEGIN");
    }

    @Test
    void a_key_pasted_into_a_ci_secret_with_crlf_indentation_or_literal_backslash_n_still_reads() throws Exception {
        SigningKey key = SigningKey.generate();
        String pem = key.pem();

        for (String pasted : new String[] {pem.replace("\n", "\r\n"), "  " + pem.replace("\n", "\n  "),
            pem.strip().replace("\n", "\\n"), "key for CI:\n" + pem + "\n(end)\n"}) {
            assertThat(SigningKey.parse(pasted, "CHAOS_SIGNING_KEY").keyId()).as(pasted).isEqualTo(key.keyId());
        }
    }

    @Test
    void its_secret_forms_are_the_text_given_and_the_base64_of_the_key() throws Exception {
        SigningKey key = SigningKey.generate();
        String pem = key.pem();
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        SigningKey read = SigningKey.parse("  " + pem, "CHAOS_SIGNING_KEY");

        assertThat(read.secretForms()).contains("  " + pem, pem.strip(), body)
            .allSatisfy(f -> assertThat(f).doesNotContain("Ed25519 signing key"));
        assertThat(read.secretForms()).noneMatch(String::isBlank).doesNotContain("-----BEGIN PRIVATE KEY-----");
    }

    static Stream<Arguments> unusableKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String valid = SigningKey.generate().pem();
        String body = valid.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        return Stream.of(
            Arguments.of("empty", "", "K: empty; " + FIX),
            Arguments.of("garbage", "not a key at all\n", "K: not a PEM key (no -----BEGIN …----- line); " + FIX),
            Arguments.of("cut before its end line", valid.substring(0, valid.indexOf("-----END")),
                "K: truncated: the private key has no -----END PRIVATE KEY----- line; copy the whole key, both marker lines included"),
            Arguments.of("cut in its base64", valid.replace(body, body.substring(0, 40)),
                "K: not a readable private key (30 bytes of DER: truncated or damaged); " + FIX),
            Arguments.of("damaged base64", valid.replace(body, body.substring(0, 10) + "!" + body.substring(11)),
                "K: the private key's base64 is damaged (Illegal base64 character 21); copy the key again, or " + FIX),
            Arguments.of("RSA in PKCS#8", Pem.write("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()),
                "K: an RSA private key; " + ED25519),
            Arguments.of("EC in PKCS#8", Pem.write("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()),
                "K: an EC private key; " + ED25519),
            Arguments.of("Ed448", Pem.write("PRIVATE KEY", KeyPairGenerator.getInstance("Ed448").generateKeyPair()
                .getPrivate().getEncoded()), "K: an Ed448 private key; " + ED25519),
            Arguments.of("RSA in PKCS#1", "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n",
                "K: an RSA private key; " + ED25519),
            Arguments.of("OpenSSH", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n",
                "K: an OpenSSH private key; " + ED25519 + " (or convert an Ed25519 one: ssh-keygen -p -m PKCS8 -f FILE)"),
            Arguments.of("encrypted", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END ENCRYPTED PRIVATE KEY-----\n",
                "K: an encrypted private key; chaos reads an unencrypted PKCS#8 key, kept safe as a CI secret or a file only its owner reads: " + FIX),
            Arguments.of("the public key", SigningKey.generate().verifyingKey().pem(),
                "K: a public key; signing needs the private key (chaos-signing.key); the public key (chaos-signing.pub) is for ./chaos report verify --key"),
            Arguments.of("a certificate", "-----BEGIN CERTIFICATE-----\nMIIBOgIBAAJBAK\n-----END CERTIFICATE-----\n",
                "K: a PEM block [CERTIFICATE], not a private key; " + FIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableKeys")
    void an_unusable_key_is_refused_saying_why_and_never_quoting_it(String what, String pem, String message) {
        assertThatThrownBy(() -> SigningKey.parse(pem, "K")).isInstanceOf(UnusableKeyException.class).hasMessage(message);
    }

    @Test
    void a_key_file_that_is_missing_a_directory_or_binary_is_refused_naming_it() throws Exception {
        Path missing = tmp.resolve("nope.key");
        Path binary = Files.write(tmp.resolve("key.der"), new byte[] {0x30, (byte) 0x82, (byte) 0xff, (byte) 0xfe});

        assertThatThrownBy(() -> SigningKey.read(missing, "--signing-key"))
            .hasMessage("--signing-key [" + missing + "]: no such file; " + FIX);
        assertThatThrownBy(() -> SigningKey.read(tmp, "--signing-key"))
            .hasMessage("--signing-key [" + tmp + "]: a directory, not a key file; " + FIX);
        assertThatThrownBy(() -> SigningKey.read(binary, "--signing-key"))
            .hasMessage("--signing-key [" + binary + "]: binary, not PEM text (a DER or PKCS#12 file?); " + FIX);
    }

    @Test
    void a_key_file_others_can_read_is_warned_about_and_one_only_its_owner_reads_is_not() throws Exception {
        Path key = Files.writeString(tmp.resolve("chaos-signing.key"), SigningKey.generate().pem());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SigningKey.permissionWarning(key, "--signing-key")).contains("warning: --signing-key [" + key
            + "]: the private key can be read by other users (mode 644); anyone who reads it can sign runs as you: chmod 600 "
            + key);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(SigningKey.permissionWarning(key, "--signing-key")).isEmpty();
        assertThat(SigningKey.read(key, "--signing-key").keyId()).matches("[0-9a-f]{16}");
    }
}
