package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.RunReports;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.verdict.RunOutcome;
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
    static final List<String> ALL = List.of(ENV_TOKEN, DB_PASSWORD, PROXY_PASSWORD, CONFIG_SECRET);

    @TempDir
    Path root;

    @Test
    void noArtifactOfARunHoldsASecretItWasGiven() throws Exception {
        // GIVEN a run directory as the runner leaves it, with secrets where a real run would carry them
        Path runDir = Fixture.FAIL.runDir(root);
        List<String> gatewayCommand = List.of("java", "-Dgateway.db.password=" + DB_PASSWORD, "-cp", "stack.jar",
            "GatewayMain", "--listen", "127.0.1.10:8080");
        Secrets secrets = Secrets.builder()
            .environment(Map.of("CHAOS_API_TOKEN", ENV_TOKEN, "CHAOS_RATE", "100"))
            .command(gatewayCommand)
            .text("--toxiproxy http://ops:" + PROXY_PASSWORD + "@127.0.0.1:8474")
            .build();
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/gateway-r1.log"), "starting " + String.join(" ", gatewayCommand)
            + "\nloaded config {\"creditCheckToken\": \"" + CONFIG_SECRET + "\", \"priceBand\": 0.1}\n");
        appendHistoryLine(runDir, "upstream refused token " + ENV_TOKEN);
        RunOutcome o = Fixture.FAIL.outcome();
        List<String> reasons = new ArrayList<>(o.reasons());
        reasons.add("INCONCLUSIVE: cannot reach http://ops:" + PROXY_PASSWORD + "@127.0.0.1:8474 with token " + ENV_TOKEN);
        RunOutcome withSecrets = new RunOutcome(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(),
            o.startedAt(), o.finishedAt(), o.verdict(), reasons, o.budgets(), o.invariants(), o.orders(), o.latency(),
            o.recovery(), o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(),
            List.of(new RunOutcome.Note("2025-06-03T09:14:40Z", "operator", "db password is " + DB_PASSWORD)),
            new RunOutcome.Environment("17", "Linux", 2, "abc", "0.1.0", "host",
                Map.of("CHAOS_API_TOKEN", ENV_TOKEN, "CHAOS_RATE", "100"),
                List.of("-Dgateway.db.password=" + DB_PASSWORD, "-Xmx1g")));

        // WHEN the runner writes its reports
        RunReports.write(RunReports.redact(withSecrets, secrets), runDir, secrets);

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
