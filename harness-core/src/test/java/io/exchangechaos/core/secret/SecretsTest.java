package io.exchangechaos.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void namesLikePasswordsSecretsAndTokensAreSecret() {
        assertThat(List.of("DB_PASSWORD", "apiToken", "client.secret", "GITHUB_TOKEN", "x-api-key", "Credentials",
            "--private-key")).allMatch(Secrets::isSecretName);
        assertThat(List.of("CHAOS_RATE", "user", "host", "seed", "path")).noneMatch(Secrets::isSecretName);
    }

    @Test
    void theSigningKeysVariableIsSecretAndItsMultiLineValueIsRedactedFromTheReport() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINw1/3u4NaC+/T+BZKwSF76505lI/erVoDZUenzqORJE\n"
            + "-----END PRIVATE KEY-----\n";
        Secrets s = Secrets.builder().environment(Map.of("CHAOS_SIGNING_KEY", pem)).build();

        assertThat(List.of("CHAOS_SIGNING_KEY", "--signing-key", "signingKey")).allMatch(Secrets::isSecretName);
        assertThat(s.runVariables(Map.of("CHAOS_SIGNING_KEY", pem))).containsExactly(Map.entry("CHAOS_SIGNING_KEY", "[redacted]"));
        assertThat(s.scrubValues("env: " + pem)).isEqualTo("env: [redacted]");
    }

    @Test
    void knownValuesAreScrubbedInEveryEscapedForm() {
        Secrets s = Secrets.builder().environment(Map.of("CHAOS_DB_PASSWORD", "p\"a<s>s&w0rd", "CHAOS_RATE", "100000"))
            .build();

        assertThat(s.values()).containsExactly("p\"a<s>s&w0rd");
        assertThat(s.scrubValues("raw p\"a<s>s&w0rd json p\\\"a<s>s&w0rd html p&quot;a&lt;s&gt;s&amp;w0rd rate 100000"))
            .isEqualTo("raw [redacted] json [redacted] html [redacted] rate 100000");
    }

    @Test
    void assignmentsFlagsAndUrlPasswordsInFreeTextAreRedacted() {
        String log = """
            loaded config {"apiToken": "abc123def", "symbols": ["BTC-USD"]}
            db.password=hunter22 user=alice
            starting with --auth-token tok-998877 --listen 127.0.0.1:80
            upstream https://alice:s3cr3t-pass@db.internal:5432/x
            """;

        String clean = Secrets.none().redact(log);

        assertThat(clean).isEqualTo("""
            loaded config {"apiToken": "[redacted]", "symbols": ["BTC-USD"]}
            db.password=[redacted] user=alice
            starting with --auth-token [redacted] --listen 127.0.0.1:80
            upstream https://alice:[redacted]@db.internal:5432/x
            """);
        assertThat(Secrets.none().redact(clean)).as("redacting twice changes nothing").isEqualTo(clean);
    }

    @Test
    void upperCaseNamesAndUrlsInTextWithoutSecretWordsAreStillRedacted() {
        String log = """
            export DB_PASSWORD=hunter22
            X-API-KEY: k-12345678
            --ACCESS-TOKEN tok-998877
            mirror ftp://bob:pa55word@files.internal/x
            """;

        assertThat(Secrets.none().redact(log)).isEqualTo("""
            export DB_PASSWORD=[redacted]
            X-API-KEY: [redacted]
            --ACCESS-TOKEN [redacted]
            mirror ftp://bob:[redacted]@files.internal/x
            """);
        String plain = "order 42 filled at 101.5\n".repeat(1_000);
        assertThat(Secrets.none().redact(plain)).isSameAs(plain);
    }

    @Test
    void commandLinesGiveUpTheirSecretsAndAreRedacted() {
        List<String> command = List.of("java", "-Dcredit.api.token=tk-4455667", "-cp", "x.jar", "Main", "--db-password",
            "hunter22", "--listen", "127.0.0.1:8080", "CHAOS_SECRET=sh-112233");
        Secrets s = Secrets.builder().command(command).build();

        assertThat(s.values()).containsExactlyInAnyOrder("tk-4455667", "hunter22", "sh-112233");
        assertThat(s.redactArguments(command)).containsExactly("java", "-Dcredit.api.token=[redacted]", "-cp", "x.jar",
            "Main", "--db-password", "[redacted]", "--listen", "127.0.0.1:8080", "CHAOS_SECRET=[redacted]");
    }

    @Test
    void runVariablesKeepTheRunsSettingsAndHideItsSecrets() {
        Map<String, String> env = Map.of("CHAOS_JAVA_OPTS", "-Xmx1g", "CHAOS_API_TOKEN", "t-0000111", "HOME", "/root",
            "AWS_SECRET_ACCESS_KEY", "zzzzzzzz");

        assertThat(Secrets.none().runVariables(env))
            .containsExactly(Map.entry("CHAOS_API_TOKEN", "[redacted]"), Map.entry("CHAOS_JAVA_OPTS", "-Xmx1g"));
    }

    @Test
    void booleansNumbersAndShortValuesAreNeverScrubbedAsText() {
        Secrets s = Secrets.builder().environment(Map.of("TOKEN_ENABLED", "true", "SECRET_PORT", "8080", "PIN_TOKEN", "ab1"))
            .build();

        assertThat(s.values()).isEmpty();
        assertThat(s.scrubValues("{\"ok\": true, \"port\": 8080}")).isEqualTo("{\"ok\": true, \"port\": 8080}");
    }

    @Test
    void aRunDirectoryIsScrubbedFileByFileAndJsonStaysJson(@TempDir Path dir) throws Exception {
        Secrets s = Secrets.builder().value("hunter22-secret").build();
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("report.json"), "{\"reason\": \"refused hunter22-secret\", \"n\": 1}");
        Files.writeString(dir.resolve("logs/gateway.log"), "password: other-value-9\nrefused hunter22-secret\n");
        Files.writeString(dir.resolve("clean.txt"), "nothing here");
        Files.write(dir.resolve("binary.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        List<Path> changed = s.scrubTree(dir);

        assertThat(changed).containsExactly(Path.of("logs/gateway.log"), Path.of("report.json"));
        assertThat(dir.resolve("report.json")).hasContent("{\"reason\": \"refused [redacted]\", \"n\": 1}");
        assertThat(dir.resolve("logs/gateway.log")).hasContent("password: [redacted]\nrefused [redacted]");
        assertThat(dir.resolve("binary.bin")).hasBinaryContent(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    }
}
