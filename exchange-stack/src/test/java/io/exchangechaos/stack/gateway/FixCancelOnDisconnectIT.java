package io.exchangechaos.stack.gateway;

import static io.exchangechaos.stack.gateway.FixTestClient.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quickfix.field.ExecType;
import quickfix.field.Side;

/**
 * Cancel-on-Disconnect on a real gateway and engine: real QuickFIX/J sessions, the one under test through a TCP relay
 * that resets or blackholes its connection the way a network does. Every session trades account 21, so only the
 * session scope keeps the other's orders alive.
 */
class FixCancelOnDisconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long ACCOUNT = 21;
    private static StagedEngine engine;
    private static Gateway gateway;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private int price = 46_000;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        engine = new StagedEngine();
        gateway = startGateway("gateway-cod", Weakness.NONE);
    }

    private static Gateway startGateway(String id, Weakness weakness) throws Exception {
        return Gateway.start(engine.gateway(id, weakness, new Gateway.FixSettings(new HostPort("127.0.0.1", 0),
            Files.createTempDirectory(id), List.of())));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private FixTestClient client(String sender, Gateway to, int port, String cancelOnDisconnect, int heartBtInt) throws Exception {
        FixTestClient c = new FixTestClient(sender, idOf(to), port, cancelOnDisconnect, heartBtInt);
        closing.add(0, c);
        return c.awaitLogon(WAIT);
    }

    private static String idOf(Gateway g) {
        return g == gateway ? "gateway-cod" : "gateway-cod-off";
    }

    private TcpRelay relay(Gateway to) throws Exception {
        TcpRelay r = new TcpRelay(to.fixPort());
        closing.add(r);
        return r;
    }

    /** Places resting bids and waits for each acknowledgement. */
    private List<String> rest(FixTestClient c, String prefix, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            c.send(FixTestClient.limit(id, ACCOUNT, "BTC-USD", Side.BUY, 1, price++));
            ids.add(id);
        }
        for (String id : ids) {
            c.next(report(id, ExecType.NEW), WAIT);
            assertThat(engine.status(id)).isEqualTo("NEW");
        }
        return ids;
    }

    /** How long until every order is cancelled in the engine, or null if not within {@code limit}. */
    private Duration untilCancelled(List<String> ids, long since, Duration limit) throws Exception {
        long deadline = since + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String id : ids) {
                all &= "CANCELED".equals(engine.status(id));
            }
            if (all) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(10);
        }
        return null;
    }

    private void assertStillResting(List<String> ids) throws Exception {
        for (String id : ids) {
            assertThat(engine.status(id)).as("order %s", id).isEqualTo("NEW");
        }
    }

    @Test
    void aSessionThatOptedInAndIsResetHasItsRestingOrdersCancelledWithinOneSecondAndNoOtherSessionsOrders() throws Exception {
        TcpRelay link = relay(gateway);
        FixTestClient dropped = client("COD-DROPPED", gateway, link.port(), "Y", 30);
        FixTestClient other = client("COD-OTHER", gateway, gateway.fixPort(), "Y", 30);
        List<String> droppedOrders = rest(dropped, "cod-dropped", 3);
        List<String> otherOrders = rest(other, "cod-other", 2);

        long reset = System.nanoTime();
        link.resetAll();

        Duration took = untilCancelled(droppedOrders, reset, Duration.ofSeconds(5));
        assertThat(took).as("every resting order of the dropped session cancelled").isNotNull();
        assertThat(took).as("time from the reset to the last cancel").isLessThanOrEqualTo(Duration.ofSeconds(1));
        Thread.sleep(500);
        assertStillResting(otherOrders);
        assertThat(other.loggedOn()).isTrue();
    }

    @Test
    void aHeartbeatTimeoutCancelsLikeADrop() throws Exception {
        TcpRelay link = relay(gateway);
        FixTestClient silent = client("COD-SILENT", gateway, link.port(), "Y", 1);
        List<String> orders = rest(silent, "cod-silent", 2);

        long blackholed = System.nanoTime();
        link.blackhole();

        // nothing gets through, nothing closes: the gateway times the session out after 2.4 heartbeat intervals
        long noticed = 0;
        long deadline = blackholed + Duration.ofSeconds(10).toNanos();
        while (noticed == 0 && System.nanoTime() < deadline) {
            if (!gatewaySession("COD-SILENT").get("loggedOn").asBoolean()) {
                noticed = System.nanoTime();
            }
            Thread.sleep(10);
        }
        assertThat(noticed).as("the gateway noticed the silence").isPositive();
        assertThat(Duration.ofNanos(noticed - blackholed)).as("time to the heartbeat timeout")
            .isGreaterThanOrEqualTo(Duration.ofMillis(2_000));
        Duration took = untilCancelled(orders, noticed, Duration.ofSeconds(5));
        assertThat(took).as("orders cancelled after the heartbeat timeout").isNotNull();
        assertThat(took).as("time from the gateway noticing to the last cancel").isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    private JsonNode gatewaySession(String sender) throws Exception {
        JsonNode fix = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body()).get("fix");
        for (JsonNode s : fix.get("sessions")) {
            if (s.get("senderCompId").asText().equals(sender)) {
                return s;
            }
        }
        throw new AssertionError("no session of " + sender + " in " + fix);
    }

    @Test
    void aGracefulLogoutCancelsNothing() throws Exception {
        FixTestClient leaving = client("COD-LOGOUT", gateway, gateway.fixPort(), "Y", 30);
        List<String> orders = rest(leaving, "cod-logout", 2);

        leaving.close();
        assertThat(leaving.loggedOn()).isFalse();

        Thread.sleep(1_500);
        assertStillResting(orders);
    }

    @Test
    void aSessionThatDidNotOptInKeepsItsOrdersWhenDropped() throws Exception {
        TcpRelay link = relay(gateway);
        FixTestClient plain = client("COD-NONE", gateway, link.port(), null, 30);
        List<String> orders = rest(plain, "cod-none", 2);

        link.resetAll();

        Thread.sleep(1_500);
        assertStillResting(orders);
    }

    @Test
    void withTheNoCancelOnDisconnectWeaknessADroppedSessionKeepsItsOrders() throws Exception {
        Gateway weak = startGateway("gateway-cod-off", Weakness.NO_CANCEL_ON_DISCONNECT);
        closing.add(weak);
        TcpRelay link = relay(weak);
        FixTestClient dropped = client("COD-WEAK", weak, link.port(), "Y", 30);
        List<String> orders = rest(dropped, "cod-weak", 2);

        link.resetAll();

        Thread.sleep(1_500);
        assertStillResting(orders);
    }
}
