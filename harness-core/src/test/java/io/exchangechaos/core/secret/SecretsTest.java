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

    static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/4bBkMhKSbH0lBf9Yb0y3vgyG";
    static final String BEARER = "Bearer-7f3KqZ9xLm2Vb8Np4Rt6Wy1";
    static final String RANDOM = "Zx81kQmP0vLr5TnW2yBc7Hd";

    @Test
    void theValuesOfTheRedTeamsLeaksAreRedactedByTheirShape() {
        // GIVEN the three values that reached report.json and report.html verbatim: none is named like a secret
        Map<String, String> env = Map.of("CHAOS_AUTH", BEARER, "CHAOS_NOTIFY", SLACK_WEBHOOK, "CHAOS_RATE", "100");
        List<String> jvm = List.of("-Dauth.bearer=" + RANDOM, "-Xmx1g", "-Dauth.mode=oauth2");

        // WHEN the run's variables and JVM arguments are redacted for the report
        Redactions tally = new Redactions();
        Secrets counting = Secrets.none().countingInto(tally);

        // THEN each is gone, the settings around them stay, and the tally says what went
        assertThat(counting.runVariables(env)).containsExactly(Map.entry("CHAOS_AUTH", "[redacted]"),
            Map.entry("CHAOS_NOTIFY", "https://hooks.slack.com/services/[redacted]"), Map.entry("CHAOS_RATE", "100"));
        assertThat(counting.redactArguments(jvm)).containsExactly("-Dauth.bearer=[redacted]", "-Xmx1g", "-Dauth.mode=oauth2");
        assertThat(tally.counts()).containsExactly(Map.entry("credential-value", 2), Map.entry("webhook-url", 1));
    }

    @Test
    void valuesShapedLikeSecretsAreRedactedWhateverTheyAreCalled() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
            + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";
        String text = String.join("\n",
            "header Authorization: " + "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9",
            "curl -H 'Authorization: Basic YWxpY2U6czNjcjN0LXBhc3M='",
            "CHAOS_AUTH=" + BEARER,
            "jwt in free text eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9",
            "posting to " + SLACK_WEBHOOK + " and https://discord.com/api/webhooks/112233445566/aBcD-eFgH_iJkL",
            "teams https://contoso.webhook.office.com/webhookb2/0a1b2c3d-aaaa/IncomingWebhook/9f8e7d",
            "s3 https://b.s3.amazonaws.com/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250603"
                + "&X-Amz-Signature=9c1f0e2d3b4a59687f6e5d4c3b2a1908",
            "callback https://ops.example.com/hook/Qm9vF3kLp2ZxR8tW1yVb6Nc4 ok",
            "keys AKIAIOSFODNN7EXAMPLE with aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "tokens ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 glpat-aB1cD2eF3gH4iJ5kL6mN xoxb-1234567890-abcdefghij",
            "auth.bearer=" + RANDOM + " session=9f86d081884c7d659a2feaa0c55ad015",
            "key " + pem,
            "in json \"key\": \"" + pem.replace("\n", "\\n") + "\"");

        String clean = Secrets.none().redact(text);

        assertThat(clean).isEqualTo(String.join("\n",
            "header Authorization: Bearer [redacted]",
            "curl -H 'Authorization: Basic [redacted]'",
            "CHAOS_AUTH=Bearer-[redacted]",
            "jwt in free text [redacted]",
            "posting to https://hooks.slack.com/services/[redacted] and https://discord.com/api/webhooks/[redacted]",
            "teams https://contoso.webhook.office.com/[redacted]",
            "s3 https://b.s3.amazonaws.com/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]"
                + "&X-Amz-Signature=[redacted]",
            "callback https://ops.example.com/hook/[redacted] ok",
            "keys [redacted] with aws secret [redacted]",
            "tokens [redacted] [redacted] [redacted]",
            "auth.bearer=[redacted] session=[redacted]",
            "key -----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----",
            "in json \"key\": \"-----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----\""));
        assertThat(Secrets.none().redact(clean)).as("redacting twice changes nothing").isEqualTo(clean);
    }

    @Test
    void identifiersHashesAndWordsAreNotSecrets() {
        // GIVEN what runs are made of: order ids (the runner's and UUIDs), SHA-256 hashes, run ids, commits, timestamps,
        // URLs naming runs, and words that only sound like credentials
        String text = String.join("\n",
            "{\"index\":0,\"op\":\"place\",\"clientOrderId\":\"region-loss-20261127T144436Z-0\",\"symbol\":\"ETH-USD\","
                + "\"entrypoint\":\"http://127.0.1.11:8080\",\"detail\":\"200 ACCEPTED\"}",
            "{\"clientOrderId\":\"550e8400-e29b-41d4-a716-446655440000\",\"orderId\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"}",
            "{\"sha256\":\"3b4f0e7c2d1a9f8e6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a\",\"runId\":\"region-loss-20250603T091400Z\"}",
            "gitCommit b1c65918d0b3e2f7a4c9d8e6f5a4b3c2d1e0f9a8 https://github.com/exchange-chaos/exchange-chaos/commit/"
                + "b1c65918d0b3e2f7a4c9d8e6f5a4b3c2d1e0f9a8",
            "report target/chaos-runs/region-loss/20250603T091400Z/report.html http://127.0.0.1:8474/proxies/client-gateway-r1",
            "http://127.0.0.30:8500/config/v000001 https://example.com/runs/region-loss-20250603T091400Z/report.html",
            "author=alice session=3 auth.mode=none basic information, a bearer of bad news, session-id=FIX-CLIENT-1",
            "2026-11-27T14:44:45.110Z INFO [main] i.e.s.g.ConfigWatcher - config v1 in force",
            "8=FIX.4.4|9=112|35=D|49=CLIENT1|56=EXCHANGE|11=region-loss-20261127T144436Z-17|38=2|44=2991");

        // WHEN it is redacted with no secret known THEN nothing changes
        assertThat(Secrets.none().redact(text)).isEqualTo(text);
        assertThat(Secrets.none().scrubStructured(text)).isEqualTo(text);
    }

    @Test
    void aCountingViewTalliesDistinctValuesByKindNeverTheValues() {
        Redactions tally = new Redactions();
        Secrets counting = Secrets.builder().value("hunter22-secret").build().countingInto(tally);

        counting.redact("Bearer abcdefgh12345678 twice: Bearer abcdefgh12345678, once: Bearer zyxwvuts87654321");
        counting.redact("password hunter22-secret in a log, " + SLACK_WEBHOOK);
        Secrets.none().redact("Bearer notcounted123456 by a view that is not counting");

        assertThat(tally.counts()).containsExactly(Map.entry("named-secret", 1), Map.entry("auth-token", 2),
            Map.entry("webhook-url", 1));
        assertThat(tally.counts().toString()).doesNotContain("abcdefgh").doesNotContain("hunter22");
    }

    @Test
    void shapedValuesGivenToTheRunAreScrubbedFromStructuredFilesToo() {
        // GIVEN a webhook URL in the run's environment, under a name that says nothing
        Secrets s = Secrets.builder().environment(Map.of("CHAOS_NOTIFY", SLACK_WEBHOOK)).build();

        // WHEN a JSON line that quotes it, URL-encoded, is scrubbed
        String json = "{\"detail\":\"callback " + java.net.URLEncoder.encode(SLACK_WEBHOOK, java.nio.charset.StandardCharsets.UTF_8)
            + " failed\"}";

        // THEN the known value is gone in that spelling too, and the line is still JSON
        assertThat(s.values()).contains("T024BE7LD/B01ABCDEF12/4bBkMhKSbH0lBf9Yb0y3vgyG");
        assertThat(s.scrubStructured(json)).isEqualTo("{\"detail\":\"callback https%3A%2F%2Fhooks.slack.com%2Fservices%2F"
            + "[redacted] failed\"}");
    }
}
