package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.FaultLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Toxiproxy API that stops answering in the middle of a run, on real {@code ./chaos run}s: the runs use a standalone
 * {@code ./chaos proxy-server} through {@link StallingRelay}, which, once the stack is up, leaves every request about
 * the faulted link unanswered. The fault due at 5 s can then never be applied: the run must report it as not applied
 * (INCONCLUSIVE, the step and why in report.json), never PASS, and Ctrl-C during the hang must end the run in seconds.
 */
class HungInjectionRunIT {
    static final String LINK = "client-gateway-r1";
    static final String STEP = "slow the order entry link";

    final Path work = Launcher.ROOT.resolve("cli/target/hung-injection-it");
    final Path home = work.resolve("home");
    Process proxyServer;
    StallingRelay relay;

    @BeforeEach
    void standaloneProxyServerBehindARelay() throws Exception {
        Files.createDirectories(home);
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Launcher.ROOT.resolve("chaos").toString(), "proxy-server", "--port",
            String.valueOf(port)).redirectErrorStream(true).redirectOutput(work.resolve("proxy-server.log").toFile());
        pb.environment().put("CHAOS_NO_BUILD", "1");
        proxyServer = pb.start();
        String api = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        await("the proxy server answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(api + "/version")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        // the link's own calls hang (GET /proxies/LINK, POST /proxies/LINK/toxics); listing and deleting still work
        relay = new StallingRelay(URI.create(api), request -> request.matches("(GET|POST) /proxies/" + LINK + "(/toxics)?"));
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (proxyServer != null) {
            proxyServer.destroy();
            proxyServer.waitFor();
        }
        Path ledger = home.resolve(".exchange-chaos/ledger.jsonl");
        if (Files.exists(ledger)) {
            Cleanup.of(new FaultLedger(ledger)).includingLiveRuns().run();
        }
    }

    @Test
    void aFaultThatHangsIsReportedAsNotAppliedAndTheRunIsInconclusive() throws Exception {
        try (RunningChaos run = start()) {
            // WHEN the Toxiproxy API stops answering about the link once the stack is up
            run.awaitLine(l -> l.contains("== steady state (warm-up)"), Duration.ofMinutes(3));
            relay.arm();
            int exit = run.awaitExit(Duration.ofMinutes(4));
            String printed = run.printed();
            System.out.println(printed);

            // THEN the step is reported as not applied, with why, and the verdict is INCONCLUSIVE, exit 3: the link is
            // looked up a second ahead of the offset, so that call's own 5 s limit ends the wait before the offset's
            String why = "Toxiproxy API at [" + relay.url() + "] did not answer GET /proxies/" + LINK + " within 5000 ms";
            assertThat(relay.stalled()).as("the harness's calls about the link hung").contains("GET /proxies/" + LINK);
            assertThat(exit).as(printed).isEqualTo(3);
            assertThat(printed).contains("Verdict: INCONCLUSIVE (link-latency, exit 3)")
                .contains("could not inject [" + STEP + "]: " + why)
                .doesNotContain("the run stopped before its offset");
            JsonNode report = report(printed);
            assertThat(report.path("verdict").asText()).isEqualTo("INCONCLUSIVE");
            assertThat(report.path("reasons").toString()).contains("INCONCLUSIVE: fault [" + STEP + "] could not be injected: " + why);
            JsonNode fault = report.path("faults").get(0);
            assertThat(fault.path("name").asText()).isEqualTo(STEP);
            assertThat(fault.path("error").asText()).contains(why);
            // the live status went on while the injection hung: the load's last status line came after its deadline
            assertThat(printed).containsPattern("(baseline|fault|recovery|overall) +1[1-9]s elapsed");
        }
    }

    @Test
    void ctrlCWhileAnInjectionHangsEndsTheRunInSeconds() throws Exception {
        try (RunningChaos run = start()) {
            run.awaitLine(l -> l.contains("== steady state (warm-up)"), Duration.ofMinutes(3));
            relay.arm();
            // the fault's own call hangs (the injectors' warm-up asks about the link too, at the load's start)
            await("the fault's call to the Toxiproxy API hangs").atMost(Duration.ofMinutes(2))
                .until(() -> relay.stalled().stream().filter(r -> r.startsWith("GET")).count() >= 2);
            run.awaitLine(l -> l.contains("== load:"), Duration.ofSeconds(5));
            Thread.sleep(2_500);  // past the step's offset (5 s), well before it would be given up (10 s)

            // WHEN the operator presses Ctrl-C during the hang
            long t0 = System.nanoTime();
            run.signal("INT");
            int exit = run.awaitExit(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - t0) / 1e9;
            String printed = run.printed();
            System.out.println(printed);
            System.out.printf("SIGINT to exit while the injection hung: %.1f s%n", seconds);

            // THEN the run ends within seconds, ABORTED with exit 3, and the step is reported as not applied
            assertThat(exit).as(printed).isEqualTo(3);
            assertThat(seconds).as("seconds from SIGINT to exit").isLessThan(30);
            assertThat(printed).contains("Verdict: ABORTED (link-latency, exit 3)");
            JsonNode report = report(printed);
            assertThat(report.path("reasons").get(0).asText()).isEqualTo("ABORTED: SIGINT");
            assertThat(report.path("faults").get(0).path("error").asText()).startsWith("not in effect");
        }
    }

    private RunningChaos start() throws Exception {
        Path scenario = Path.of(getClass().getClassLoader().getResource("hang/link-latency.yaml").toURI());
        return RunningChaos.start(work, Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home),
            List.of("run", scenario.toString(), "--toxiproxy", relay.url(), "--out", work.resolve("runs").toString()));
    }

    private JsonNode report(String printed) throws Exception {
        Matcher runDir = Pattern.compile("(?m)^Run dir: (.+)$").matcher(printed);
        assertThat(runDir.find()).as(printed).isTrue();
        return new ObjectMapper().readTree(work.resolve(runDir.group(1)).resolve("report.json").toFile());
    }
}
