package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real run through a user's adapter: the topology names an adapter of a plugin jar (one that speaks the staged
 * exchange's protocol, so the staged exchange can answer it) and hands it a configuration holding a token. The run's
 * header and report.json name that adapter with its jar and version, the load really went through it, and the token is
 * in no file of the run. Starts the single-region stack (about 90 s). The scenario names only the invariant a plain
 * adapter's look-ups decide, so it holds whatever else an adapter declares it can observe.
 */
class PluginAdapterRunIT {

    @Test
    void aRunDrivesTheExchangeThroughTheTopologysPluginAdapterAndSaysSo() throws Exception {
        // GIVEN a topology next to lib/staged-copy.jar that names its adapter and configures it with a secret
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/plugin-run-it/" + System.nanoTime()));
        Path jar = PluginAdapterJar.write(work.resolve("lib"), "staged-copy", "2.0.1", List.of("BTC-USD", "ETH-USD"));
        String token = "tok-8f3a9c2e71d4b6a5e0";
        Files.writeString(work.resolve("venue.yaml"), "adapter: staged-copy\nplugins: [lib]\nadapterConfig: {apiToken: "
            + token + ", region: eu}\n" + Files.readString(Launcher.ROOT.resolve("exchange-stack/topologies/single-region.yaml")));
        Files.writeString(work.resolve("baseline.yaml"), """
            name: plugin-baseline
            target:
              topology: venue.yaml
            load:
              rate: 30/s
              rampUp: 0s
              duration: 10s
              mix: {limit: 0.7, market: 0.1, cancel: 0.2}
            invariants: [no-lost-acked-orders]
            """);
        Path out = work.resolve("runs");

        // WHEN it is run
        Launcher.Result r = Launcher.chaos(work, Map.of(), Duration.ofMinutes(4), "run", "baseline.yaml", "--out", out.toString());

        // THEN the header names the plugin's adapter, and report.json does too
        String printed = r.out() + r.err();
        assertThat(r.exit()).as(printed).isIn(0, 1, 3);
        assertThat(r.out()).contains("Adapter: staged-copy 2.0.1 (" + jar + ")");
        Matcher runDirLine = Pattern.compile("(?m)^Run dir: (.+)$").matcher(r.out());
        assertThat(runDirLine.find()).as(printed).isTrue();
        Path runDir = work.resolve(runDirLine.group(1));
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertThat(report.path("schemaVersion").asText()).isEqualTo("1.3");
        assertThat(report.at("/adapter/name").asText()).isEqualTo("staged-copy");
        assertThat(report.at("/adapter/version").asText()).isEqualTo("2.0.1");
        assertThat(report.at("/adapter/jar").asText()).isEqualTo(jar.toString());
        // AND the orders went through it to the exchange, on its default symbols
        assertThat(report.at("/orders/acked").asLong()).as(printed).isPositive();
        assertThat(Files.readString(runDir.resolve("history.jsonl"))).contains("ETH-USD");
        // AND the token of its configuration is in no file the run wrote
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("%s", f).doesNotContain(token);
            }
        }
    }
}
