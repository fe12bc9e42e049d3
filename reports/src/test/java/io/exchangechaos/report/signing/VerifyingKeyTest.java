package io.exchangechaos.report.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyingKeyTest {
    static final String FIX = "pass the public key of the pair the runs were signed with (chaos-signing.pub, written by "
        + "./chaos keys init DIR)";

    @TempDir
    Path tmp;

    @Test
    void a_public_key_file_reads_back_with_the_key_id_of_its_pair() throws Exception {
        SigningKey key = SigningKey.generate();
        Path pub = Files.writeString(tmp.resolve("chaos-signing.pub"), key.verifyingKey().pem());

        VerifyingKey read = VerifyingKey.read(pub, "--key");

        assertThat(read.keyId()).isEqualTo(key.keyId());
        assertThat(read.pem()).startsWith("-----BEGIN PUBLIC KEY-----\n").isEqualTo(key.verifyingKey().pem());
    }

    static Stream<Arguments> unusableKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String valid = SigningKey.generate().verifyingKey().pem();
        String body = valid.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        return Stream.of(
            Arguments.of("garbage", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host\n",
                "--key [K]: not a PEM key (no -----BEGIN …----- line); " + FIX),
            Arguments.of("cut in its base64", valid.replace(body, body.substring(0, 20)),
                "--key [K]: not a readable public key (15 bytes of DER: truncated or damaged); " + FIX),
            Arguments.of("RSA", Pem.write("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()),
                "--key [K]: an RSA public key; runs are signed with Ed25519, so no such key can have signed one: " + FIX),
            Arguments.of("the private key", SigningKey.generate().pem(),
                "--key [K]: a private key; verify with the public key (chaos-signing.pub), and keep the private key "
                    + "away from everyone who only checks runs"),
            Arguments.of("a certificate", "-----BEGIN CERTIFICATE-----\nMIIBOgIBAAJBAK\n-----END CERTIFICATE-----\n",
                "--key [K]: a certificate; " + FIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableKeys")
    void an_unusable_key_is_refused_saying_why(String what, String pem, String message) {
        assertThatThrownBy(() -> VerifyingKey.parse(pem, "--key [K]")).isInstanceOf(UnusableKeyException.class)
            .hasMessage(message);
    }

    @Test
    void a_missing_key_file_is_named() {
        Path missing = tmp.resolve("chaos-signing.pub");

        assertThatThrownBy(() -> VerifyingKey.read(missing, "--key"))
            .hasMessage("--key [" + missing + "]: no such file; " + FIX);
    }
}
