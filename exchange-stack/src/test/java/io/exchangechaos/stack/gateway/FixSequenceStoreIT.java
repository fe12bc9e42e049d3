package io.exchangechaos.stack.gateway;

import static io.exchangechaos.stack.gateway.FixTestClient.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.stack.common.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quickfix.field.ExecType;
import quickfix.field.Side;

/**
 * A gateway process killed with SIGKILL and started again on the same FIX data directory, with a real QuickFIX/J
 * initiator that keeps its own sequence numbers throughout (as a member's engine does), against a real engine.
 */
class FixSequenceStoreIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int ORDERS = 20;
    private static StagedEngine engine;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Process> processes = new ArrayList<>();
    private FixTestClient client;

    @BeforeAll
    static void start() throws Exception {
        engine = new StagedEngine();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.close();
        }
        processes.forEach(Process::destroyForcibly);
    }

    /** The gateway as the topology starts it, FIX on; its log next to its data. */
    private Process gateway(int httpPort, int fixPort, Path data, String weakness) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
            + Path.of("target", "lib").toAbsolutePath() + File.separator + "*";
        Process p = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-cp", classpath,
            "io.exchangechaos.stack.gateway.GatewayMain", "--id", "gateway-seq", "--listen", "127.0.0.1:" + httpPort,
            "--dns", "127.0.0.1:53", "--engines", engine.engineAddress(), "--config-url", engine.configUrl(),
            "--dependency-url", "http://127.0.0.1:9", "--weakness", weakness,
            "--fix-listen", "127.0.0.1:" + fixPort, "--fix-data", data.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + ".log").toFile()))
            .start();
        processes.add(p);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (health(httpPort) == null) {
            assertThat(p.isAlive()).as("gateway process alive; log: %s",
                Files.readString(data.resolveSibling(data.getFileName() + ".log"))).isTrue();
            assertThat(System.nanoTime()).as("gateway up within %s", WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
        return p;
    }

    private JsonNode health(int httpPort) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("fix") : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The gateway's view of the client's session, or null before it has one. */
    private JsonNode session(int httpPort, String sender) {
        JsonNode fix = health(httpPort);
        if (fix == null) {
            return null;
        }
        for (JsonNode s : fix.get("sessions")) {
            if (s.get("senderCompId").asText().equals(sender)) {
                return s;
            }
        }
        return null;
    }

    /** Logs on, places {@link #ORDERS} orders, and returns the gateway's next sender and target numbers. */
    private int[] trade(int httpPort, int fixPort, String sender) throws Exception {
        client = new FixTestClient(sender, FixAcceptor.VENUE_COMP_ID, fixPort, null, 30).awaitLogon(WAIT);
        for (int i = 0; i < ORDERS; i++) {
            client.send(FixTestClient.limit(sender + "-" + i, 31, "BTC-USD", Side.BUY, 1, 47_000 + i));
        }
        for (int i = 0; i < ORDERS; i++) {
            client.next(report(sender + "-" + i, ExecType.NEW), WAIT);
        }
        JsonNode before = session(httpPort, sender);
        return new int[] {before.get("nextSenderMsgSeqNum").asInt(), before.get("nextTargetMsgSeqNum").asInt()};
    }

    private static void kill(Process p) throws Exception {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withTheFileStoreSessionsContinueAfterTheGatewayIsKilledAndRestarted() throws Exception {
        int httpPort = StagedEngine.freePort();
        int fixPort = StagedEngine.freePort();
        Path data = Files.createTempDirectory("fix-seq").resolve("gateway-seq-fix");
        Process first = gateway(httpPort, fixPort, data, "none");
        int[] before = trade(httpPort, fixPort, "SEQ-FILE");

        kill(first);
        gateway(httpPort, fixPort, data, "none");

        client.awaitLogon(WAIT);
        JsonNode after = session(httpPort, "SEQ-FILE");
        assertThat(after.get("nextSenderMsgSeqNum").asInt()).as("gateway's next sender number after the restart")
            .isGreaterThan(before[0]);
        assertThat(after.get("nextTargetMsgSeqNum").asInt()).as("gateway's next target number after the restart")
            .isGreaterThan(before[1]);
        client.send(FixTestClient.limit("SEQ-FILE-after", 31, "BTC-USD", Side.BUY, 1, 47_900));
        client.next(report("SEQ-FILE-after", ExecType.NEW), WAIT);
        assertThat(client.events).noneMatch(e -> e.contains("MsgSeqNum too low"));
    }

    @Test
    void withAVolatileStoreSequenceNumbersStartAgainAfterARestartAndTheClientIsRefused() throws Exception {
        int httpPort = StagedEngine.freePort();
        int fixPort = StagedEngine.freePort();
        Path data = Files.createTempDirectory("fix-seq").resolve("gateway-seq-fix");
        Process first = gateway(httpPort, fixPort, data, "volatile-fix-store");
        assertThat(health(httpPort).get("store").asText()).isEqualTo("memory");
        int[] before = trade(httpPort, fixPort, "SEQ-MEM");

        kill(first);
        gateway(httpPort, fixPort, data, "volatile-fix-store");

        // the client's next logon reaches a gateway that starts the session again at 1
        JsonNode after = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (after == null && System.nanoTime() < deadline) {
            after = session(httpPort, "SEQ-MEM");
            Thread.sleep(20);
        }
        assertThat(after).as("the session after the restart").isNotNull();
        assertThat(after.get("nextSenderMsgSeqNum").asInt()).as("gateway's next sender number after the restart")
            .isLessThan(before[0]);
        Thread.sleep(3_000);
        assertThat(client.loggedOn()).as("client logged on again").isFalse();
        assertThat(client.events).anyMatch(e -> e.contains("MsgSeqNum too low"));
    }

    @Test
    void aGatewayKilledWithItsSessionsCancelsTheirOrdersWhenItStartsAgainButNotThoseOfASessionThatLoggedOut() throws Exception {
        int httpPort = StagedEngine.freePort();
        int fixPort = StagedEngine.freePort();
        Path data = Files.createTempDirectory("fix-seq").resolve("gateway-seq-fix");
        Process first = gateway(httpPort, fixPort, data, "none");
        client = new FixTestClient("KILLED-COD", FixAcceptor.VENUE_COMP_ID, fixPort, "Y", 30).awaitLogon(WAIT);
        List<String> dropped = List.of("killed-cod-0", "killed-cod-1");
        for (int i = 0; i < dropped.size(); i++) {
            client.send(FixTestClient.limit(dropped.get(i), 32, "BTC-USD", Side.BUY, 1, 48_000 + i));
        }
        List<String> kept = List.of("killed-kept-0", "killed-kept-1");
        try (FixTestClient leaving = new FixTestClient("KILLED-LOGOUT", FixAcceptor.VENUE_COMP_ID, fixPort, "Y", 30)) {
            leaving.awaitLogon(WAIT);
            for (int i = 0; i < kept.size(); i++) {
                leaving.send(FixTestClient.limit(kept.get(i), 32, "BTC-USD", Side.BUY, 1, 48_100 + i));
            }
            for (String id : kept) {
                leaving.next(report(id, ExecType.NEW), WAIT);
            }
        }
        for (String id : dropped) {
            client.next(report(id, ExecType.NEW), WAIT);
        }

        kill(first);
        assertThat(engine.status("killed-cod-0")).as("nobody cancels for a killed gateway").isEqualTo("NEW");
        gateway(httpPort, fixPort, data, "none");
        long up = System.nanoTime();

        for (String id : dropped) {
            while (!"CANCELED".equals(engine.status(id))) {
                assertThat(Duration.ofNanos(System.nanoTime() - up)).as("%s cancelled after the restart", id)
                    .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(20);
            }
        }
        for (String id : kept) {
            assertThat(engine.status(id)).as("order %s of the session that logged out", id).isEqualTo("NEW");
        }
    }

    @Test
    void fixListenWithoutADataDirectoryIsAUsageError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
            + Path.of("target", "lib").toAbsolutePath() + File.separator + "*";
        Process p = new ProcessBuilder(java, "-cp", classpath, "io.exchangechaos.stack.gateway.GatewayMain",
            "--id", "gateway-usage", "--listen", "127.0.0.1:0", "--dns", "127.0.0.1:53", "--engines", engine.engineAddress(),
            "--config-url", engine.configUrl(), "--dependency-url", "http://127.0.0.1:9", "--fix-listen", "127.0.0.1:0")
            .redirectErrorStream(true).start();
        processes.add(p);
        String out = new String(p.getInputStream().readAllBytes());

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("gateway: --fix-listen needs --fix-data DIR, where FIX sequence numbers survive a restart;"
            + " write it like --fix-data data/gateway-r1-fix");
    }
}
