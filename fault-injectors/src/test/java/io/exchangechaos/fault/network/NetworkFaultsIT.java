package io.exchangechaos.fault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the embedded Toxiproxy-compatible server, through the real toxiproxy-java client, with real sockets. */
class NetworkFaultsIT {
    static ToxiproxyServer server;
    static EchoServer echo;
    static ToxiproxyClient client;

    @TempDir
    Path dir;
    FaultLedger ledger;
    NetworkFaults network;
    Proxy proxy;
    String listen;

    @BeforeAll
    static void startServers() throws IOException {
        server = ToxiproxyServer.start();
        echo = new EchoServer();
        client = new ToxiproxyClient(server.host(), server.port());
    }

    @AfterAll
    static void stopServers() throws IOException {
        echo.close();
        server.close();
    }

    @BeforeEach
    void createProxy() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listen = "127.0.0.1:" + port;
        proxy = client.createProxy("link-" + port, listen, echo.address());
        ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        network = NetworkFaults.connect(server.apiUrl(), FaultRecorder.using(ledger));
    }

    @AfterEach
    void deleteProxy() throws IOException {
        assertThat(ledger.unhealed()).isEmpty();
        proxy.delete();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.substring(listen.indexOf(':') + 1))), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Millis for one echo round trip on a fresh connection. */
    private long roundTripMillis() throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write("ping".getBytes());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] back = in.readNBytes(4);
            assertThat(new String(back)).isEqualTo("ping");
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private List<String> toxicNames() throws IOException {
        return client.getProxy(proxy.getName()).toxics().getAll().stream().map(Toxic::getName).toList();
    }

    @Test
    void latency_delays_a_real_round_trip_and_close_removes_it() throws IOException {
        assertThat(roundTripMillis()).isLessThan(300);

        try (InjectedFault slow = network.latency(proxy.getName(), Duration.ofMillis(400), Duration.ZERO, LinkStream.BOTH)) {
            assertThat(roundTripMillis()).isGreaterThanOrEqualTo(800);
            assertThat(toxicNames()).containsExactlyInAnyOrder("chaos-" + slow.id() + "-up", "chaos-" + slow.id() + "-down");
            assertThat(ledger.entry(slow.id()).orElseThrow().heal()).isEqualTo(new NetworkRecipes.RemoveToxics(server.apiUrl(),
                proxy.getName(), List.of("chaos-" + slow.id() + "-up", "chaos-" + slow.id() + "-down"),
                InProcessServers.holderOf(server.apiUrl())));
            // the server runs in this JVM: the recipe says so, since its toxics die with this process
            assertThat(InProcessServers.holderOf(server.apiUrl())).startsWith(ProcessHandle.current().pid() + ":");
        }

        assertThat(toxicNames()).isEmpty();
        assertThat(roundTripMillis()).isLessThan(300);
    }

    @Test
    void blackhole_holds_the_connection_open_with_no_data_and_close_lets_new_connections_through() throws IOException {
        try (InjectedFault hole = network.blackhole(proxy.getName()); Socket socket = connect()) {
            socket.getOutputStream().write("anyone?".getBytes());
            socket.setSoTimeout(700);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(socket.isClosed()).isFalse();
        }
        assertThat(roundTripMillis()).isLessThan(300);
    }

    @Test
    void reset_resets_the_connection() throws IOException {
        try (InjectedFault reset = network.reset(proxy.getName()); Socket socket = connect()) {
            socket.getOutputStream().write("hi".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read())
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("Connection reset");
        }
        assertThat(roundTripMillis()).isLessThan(300);
    }

    @Test
    void partition_refuses_connections_until_close_enables_the_proxy() throws IOException {
        InjectedFault partition = network.partition(proxy.getName());
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

        partition.close();
        assertThat(roundTripMillis()).isLessThan(300);
        assertThat(partition.heal().outcome()).isEqualTo(HealOutcome.HEALED);
    }

    @Test
    void bandwidth_limits_throughput() throws IOException {
        byte[] payload = new byte[40 * 1024];
        try (InjectedFault narrow = network.bandwidth(proxy.getName(), 40, LinkStream.DOWNSTREAM); Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write(payload);
            assertThat(socket.getInputStream().readNBytes(payload.length)).hasSize(payload.length);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(700);
        }
        assertThat(toxicNames()).isEmpty();
    }

    @Test
    void slow_close_and_its_toxic_go_away_on_close() throws IOException {
        try (InjectedFault lingering = network.slowClose(proxy.getName(), Duration.ofMillis(300))) {
            assertThat(toxicNames()).containsExactly("chaos-" + lingering.id() + "-down");
            assertThat(roundTripMillis()).isLessThan(300);
        }
        assertThat(toxicNames()).isEmpty();
    }

    @Test
    void a_toxic_removed_by_hand_heals_as_already_gone() throws IOException {
        InjectedFault slow = network.latency(proxy.getName(), Duration.ofMillis(100), Duration.ZERO, LinkStream.UPSTREAM);
        client.getProxy(proxy.getName()).toxics().get("chaos-" + slow.id() + "-up").remove();

        assertThat(slow.heal().toString()).isEqualTo("ALREADY_GONE: no toxic [chaos-" + slow.id() + "-up] left on proxy ["
            + proxy.getName() + "]");
    }

    @Test
    void warm_up_goes_through_a_scratch_proxy_and_leaves_the_real_ones_as_they_were() throws IOException {
        network.warmUp();

        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly(proxy.getName());
        assertThat(toxicNames()).isEmpty();
        // recorded as it went, and healed: the scratch proxy and its toxic, never the link
        assertThat(ledger.entries()).extracting(e -> e.type() + " " + e.target())
            .hasSize(2)
            .anySatisfy(t -> assertThat(t).startsWith("network.warm-up scratch proxy chaos-warm-up-"))
            .anySatisfy(t -> assertThat(t).startsWith("network.latency proxy chaos-warm-up-"))
            .noneSatisfy(t -> assertThat(t).contains(proxy.getName()));
        assertThat(ledger.entries()).allSatisfy(e -> assertThat(e.isHealed()).isTrue());
        roundTripMillis(); // the link still carries data both ways
    }

    @Test
    void an_unknown_proxy_is_named_with_the_known_ones() {
        assertThatThrownBy(() -> network.blackhole("nope"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("no proxy [nope] at [" + server.apiUrl() + "]; known proxies: [" + proxy.getName() + "]");
        assertThat(ledger.entries()).isEmpty();
    }
}
