package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.RunReports;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportSchema;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets given to a run — as environment, as JVM properties, in a topology's start commands, in a URL — never reach
 * any file of its run directory, whichever artifact would have echoed them. The run directory is the recorded
 * fixture run, with secrets planted where a real run would carry them.
 */
class SecretsNeverReachReportsTest {
    static final String ENV_TOKEN = "env-tok-5f1c9e";
    static final String DB_PASSWORD = "db-pa55\"<w0rd>&";
    static final String PROXY_PASSWORD = "proxy-pw-77aa31";
    static final String CONFIG_SECRET = "cfg-secret-a0b1c2";
    /** Named like nothing secret: found by their shape (the red team's three leaks). */
    static final String BEARER = "Bearer-7f3KqZ9xLm2Vb8Np4Rt6Wy1";
    static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/4bBkMhKSbH0lBf9Yb0y3vgyG";
    static final String AUTH_BEARER = "Zx81kQmP0vLr5TnW2yBc7Hd";
    static final List<String> ALL = List.of(ENV_TOKEN, DB_PASSWORD, PROXY_PASSWORD, CONFIG_SECRET, BEARER,
        "7f3KqZ9xLm2Vb8Np4Rt6Wy1", "4bBkMhKSbH0lBf9Yb0y3vgyG", AUTH_BEARER);

    @TempDir
    Path root;

    @Test
    void noArtifactOfARunHoldsASecretItWasGiven() throws Exception {
        // GIVEN a run directory as the runner leaves it, with secrets where a real run would carry them
        Path runDir = Fixture.FAIL.runDir(root);
        List<String> gatewayCommand = List.of("java", "-Dgateway.db.password=" + DB_PASSWORD, "-cp", "stack.jar",
            "GatewayMain", "--listen", "127.0.1.10:8080");
        Secrets secrets = Secrets.builder()
            .environment(Map.of("CHAOS_API_TOKEN", ENV_TOKEN, "CHAOS_RATE", "100", "CHAOS_AUTH", BEARER,
                "CHAOS_NOTIFY", SLACK_WEBHOOK))
            .command(List.of("-Dauth.bearer=" + AUTH_BEARER))
            .command(gatewayCommand)
            .text("--toxiproxy http://ops:" + PROXY_PASSWORD + "@127.0.0.1:8474")
            .build();
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/gateway-r1.log"), "starting " + String.join(" ", gatewayCommand)
            + "\nloaded config {\"creditCheckToken\": \"" + CONFIG_SECRET + "\", \"priceBand\": 0.1}\n");
        appendHistoryLine(runDir, "upstream refused token " + ENV_TOKEN);
        ReportJson o = Fixture.FAIL.outcome();
        List<String> reasons = new ArrayList<>(o.reasons());
        reasons.add("INCONCLUSIVE: cannot reach http://ops:" + PROXY_PASSWORD + "@127.0.0.1:8474 with token " + ENV_TOKEN);
        ReportJson withSecrets = new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(),
            o.startedAt(), o.finishedAt(), o.verdict(), reasons, o.budgets(), o.invariants(), o.orders(), o.latency(),
            o.recovery(), o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(),
            List.of(new ReportJson.Note("2025-06-03T09:14:40Z", "operator", "db password is " + DB_PASSWORD)),
            new ReportJson.Environment("17", "Linux", 2, "abc", "0.1.0", "host",
                Map.of("CHAOS_API_TOKEN", ENV_TOKEN, "CHAOS_RATE", "100", "CHAOS_AUTH", BEARER, "CHAOS_NOTIFY", SLACK_WEBHOOK),
                List.of("-Dgateway.db.password=" + DB_PASSWORD, "-Xmx1g", "-Dauth.bearer=" + AUTH_BEARER)),
            o.redactions(), o.signature());

        // WHEN the runner writes its reports
        RunReports.write(RunReports.redact(withSecrets.toOutcome(), secrets), runDir, secrets);

        // THEN no file of the run directory holds a secret in any spelling
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> runDir.relativize(f).toString())
            .contains("report.json", "report.html", "junit.xml", "summary.md", "manifest.json", "history.jsonl",
                "scenario.yaml", "logs/gateway-r1.log");
        for (Path f : files) {
            String text = Files.readString(f);
            for (String secret : ALL) {
                for (String form : spellings(secret)) {
                    assertThat(text).as("%s must not hold [%s]", runDir.relativize(f), form).doesNotContain(form);
                }
            }
        }
        // AND the redaction is visible, and every artifact is still well-formed and sealed
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertThat(report.at("/environment/variables/CHAOS_API_TOKEN").asText()).isEqualTo("[redacted]");
        assertThat(report.at("/environment/variables/CHAOS_RATE").asText()).isEqualTo("100");
        assertThat(report.at("/environment/jvmArguments/0").asText()).isEqualTo("-Dgateway.db.password=[redacted]");
        assertThat(report.path("reasons").toString()).contains("http://ops:[redacted]@127.0.0.1:8474 with token [redacted]");
        assertThat(report.at("/environment/variables/CHAOS_AUTH").asText()).isEqualTo("[redacted]");
        assertThat(report.at("/environment/variables/CHAOS_NOTIFY").asText()).isEqualTo("https://hooks.slack.com/services/[redacted]");
        assertThat(report.at("/environment/jvmArguments/2").asText()).isEqualTo("-Dauth.bearer=[redacted]");
        // what was redacted from the report, by kind, and never the values
        assertThat(report.get("redactions").toString()).isEqualTo("{\"named-secret\":2,\"credential-value\":2,"
            + "\"url-password\":1,\"webhook-url\":1}");
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("<dt>Secrets</dt><dd>6 values redacted "
            + "(2 named-secret, 2 credential-value, 1 url-password, 1 webhook-url); the values are written nowhere");
        assertThat(Files.readString(runDir.resolve("summary.md"))).contains("**Secrets** 6 values redacted (2 named-secret, "
            + "2 credential-value, 1 url-password, 1 webhook-url); the values are written nowhere");
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(runDir.resolve("logs/gateway-r1.log")).content()
            .contains("-Dgateway.db.password=[redacted]").contains("\"creditCheckToken\": \"[redacted]\"");
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("[redacted]");
        for (String line : Files.readAllLines(runDir.resolve("history.jsonl"))) {
            new ObjectMapper().readTree(line);
        }
        var verification = ReportVerifier.verify(runDir);
        assertThat(verification.intact()).as(verification.problems().toString()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void aRealRunsIdsHashesAndLogsAreNotTakenForSecrets(Fixture fixture) throws Exception {
        // GIVEN a recorded run with every report written: order ids, run ids, hashes, addresses, every service's log
        RunOutcome recorded = fixture.outcome().toOutcome();
        Path runDir = fixture.writtenRun(root);

        // WHEN its outcome is redacted and its directory scrubbed, with no secret known
        RunOutcome redacted = RunReports.redact(recorded, Secrets.none());
        List<Path> changed = Secrets.none().scrubTree(runDir);

        // THEN nothing was taken for a secret, and the report says that nothing was redacted
        assertThat(changed).isEmpty();
        assertThat(redacted.redactions()).contains(Map.of());
        assertThat(redacted.equals(recorded.withRedactions(Map.of()))).as("the outcome is unchanged").isTrue();
    }

    private static List<String> spellings(String secret) {
        return List.of(secret, secret.replace("\\", "\\\\").replace("\"", "\\\""),
            secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"),
            URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    private static void appendHistoryLine(Path runDir, String detail) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(runDir.resolve("history.jsonl"));
        var last = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(lines.get(lines.size() - 1));
        last.put("index", last.path("index").asLong() + 1);
        last.put("clientOrderId", last.path("clientOrderId").asText() + "-x");
        last.put("detail", detail);
        Files.writeString(runDir.resolve("history.jsonl"), json.writeValueAsString(last) + "\n",
            java.nio.file.StandardOpenOption.APPEND);
    }
}
