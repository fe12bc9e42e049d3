package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real toxiproxy-java client against the embedded server. */
class ToxiproxyClientIT {
    private static ToxiproxyServer server;
    private static TestUpstream upstream;
    private static ToxiproxyClient client;

    @BeforeAll
    static void startServer() throws IOException {
        server = ToxiproxyServer.start();
        upstream = TestUpstream.echo();
        client = new ToxiproxyClient(server.host(), server.port());
    }

    @AfterAll
    static void stopServer() {
        upstream.close();
        server.close();
    }

    @AfterEach
    void deleteProxies() throws IOException {
        for (Proxy proxy : client.getProxies()) {
            proxy.delete();
        }
    }

    @Test
    void version_names_the_toxiproxy_release_followed() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0-exchange-chaos\"}");
    }

    @Test
    void created_proxy_reports_the_real_port_and_forwards() throws IOException {
        Proxy proxy = client.createProxy("echo", "localhost:0", upstream.address());

        assertThat(proxy.getName()).isEqualTo("echo");
        assertThat(proxy.getListen()).startsWith("127.0.0.1:").doesNotEndWith(":0");
        assertThat(proxy.getUpstream()).isEqualTo(upstream.address());
        assertThat(proxy.isEnabled()).isTrue();
        try (Socket socket = Sockets.connect(proxy.getListen())) {
            Sockets.roundTrip(socket, "ping".getBytes());
        }
    }

    @Test
    void proxies_are_listed_fetched_and_missing_ones_are_null() throws IOException {
        client.createProxy("a", "127.0.0.1:0", upstream.address());
        client.createProxy("b", "127.0.0.1:0", upstream.address());

        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("a", "b");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo(upstream.address());
        assertThat(client.getProxyOrNull("nope")).isNull();
        assertThatThrownBy(() -> client.getProxy("nope")).isInstanceOf(IOException.class).hasMessage("[404] proxy not found");
    }

    @Test
    void duplicate_proxy_is_a_conflict() throws IOException {
        client.createProxy("dup", "127.0.0.1:0", upstream.address());

        assertThatThrownBy(() -> client.createProxy("dup", "127.0.0.1:0", upstream.address()))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] proxy already exists");
    }

    @Test
    void toxics_of_every_type_are_created_listed_and_read_back() throws IOException {
        Proxy proxy = client.createProxy("toxic", "127.0.0.1:0", upstream.address());

        proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100).setJitter(10);
        proxy.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 50);
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 300);
        proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, 1000);
        proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 20);
        proxy.toxics().slicer("sl", ToxicDirection.UPSTREAM, 10, 500).setSizeVariation(2);
        proxy.toxics().limitData("ld", ToxicDirection.DOWNSTREAM, 4096);

        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName)
                .containsExactly("bw", "to", "sl", "lat", "sc", "rp", "ld");
        Latency latency = proxy.toxics().get("lat", Latency.class);
        assertThat(latency.getLatency()).isEqualTo(100);
        assertThat(latency.getJitter()).isEqualTo(10);
        assertThat(latency.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
        assertThat(latency.getToxicity()).isEqualTo(1.0f);
        assertThat(proxy.toxics().get("bw", Bandwidth.class).getRate()).isEqualTo(50);
        assertThat(proxy.toxics().get("sc", SlowClose.class).getDelay()).isEqualTo(300);
        assertThat(proxy.toxics().get("to", Timeout.class).getTimeout()).isEqualTo(1000);
        assertThat(proxy.toxics().get("rp", ResetPeer.class).getTimeout()).isEqualTo(20);
        Slicer slicer = proxy.toxics().get("sl", Slicer.class);
        assertThat(slicer.getAverageSize()).isEqualTo(10);
        assertThat(slicer.getSizeVariation()).isEqualTo(2);
        assertThat(slicer.getDelay()).isEqualTo(500);
        assertThat(proxy.toxics().get("ld", LimitData.class).getBytes()).isEqualTo(4096);
    }

    @Test
    void toxic_is_updated_and_removed() throws IOException {
        Proxy proxy = client.createProxy("upd", "127.0.0.1:0", upstream.address());
        Latency latency = proxy.toxics().latency("lat", ToxicDirection.UPSTREAM, 100);

        latency.setLatency(250);
        latency.setToxicity(0.5f);

        Latency read = proxy.toxics().get("lat", Latency.class);
        assertThat(read.getLatency()).isEqualTo(250);
        assertThat(read.getToxicity()).isEqualTo(0.5f);
        assertThat(read.getStream()).isEqualTo(ToxicDirection.UPSTREAM);

        latency.remove();
        assertThat(proxy.toxics().getAll()).isEmpty();
        assertThatThrownBy(() -> proxy.toxics().get("lat")).isInstanceOf(IOException.class).hasMessage("[404] toxic not found");
    }

    @Test
    void duplicate_toxic_name_is_a_conflict_across_streams() throws IOException {
        Proxy proxy = client.createProxy("dupt", "127.0.0.1:0", upstream.address());
        proxy.toxics().latency("same", ToxicDirection.UPSTREAM, 1);

        assertThatThrownBy(() -> proxy.toxics().latency("same", ToxicDirection.DOWNSTREAM, 1))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] toxic already exists");
    }

    @Test
    void disable_refuses_connections_and_enable_restores_them() throws IOException {
        Proxy proxy = client.createProxy("onoff", "127.0.0.1:0", upstream.address());
        String listen = proxy.getListen();

        proxy.disable();
        assertThat(client.getProxy("onoff").isEnabled()).isFalse();
        assertThatThrownBy(() -> Sockets.connect(listen)).isInstanceOf(ConnectException.class);

        proxy.enable();
        assertThat(client.getProxy("onoff").isEnabled()).isTrue();
        try (Socket socket = Sockets.connect(listen)) {
            Sockets.roundTrip(socket, "back".getBytes());
        }
    }

    @Test
    void listen_and_upstream_can_be_changed() throws IOException {
        Proxy proxy = client.createProxy("move", "127.0.0.1:0", "127.0.0.1:1");

        proxy.setUpstream(upstream.address());
        proxy.setListen("127.0.0.1:0");

        Proxy read = client.getProxy("move");
        assertThat(read.getUpstream()).isEqualTo(upstream.address());
        assertThat(read.isEnabled()).isTrue();
        try (Socket socket = Sockets.connect(read.getListen())) {
            Sockets.roundTrip(socket, "moved".getBytes());
        }
    }

    @Test
    void reset_enables_every_proxy_and_removes_every_toxic() throws IOException {
        // a fresh client: reset() re-reads every proxy the client instance ever created
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
        Proxy a = client.createProxy("ra", "127.0.0.1:0", upstream.address());
        Proxy b = client.createProxy("rb", "127.0.0.1:0", upstream.address());
        a.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1000);
        b.disable();

        client.reset();

        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("ra", "rb");
        assertThat(client.getProxy("rb").isEnabled()).isTrue();
        assertThat(a.toxics().getAll()).isEmpty();
    }

    @Test
    void delete_removes_the_proxy_and_frees_its_port() throws IOException {
        Proxy proxy = client.createProxy("gone", "127.0.0.1:0", upstream.address());
        String listen = proxy.getListen();

        proxy.delete();

        assertThat(client.getProxyOrNull("gone")).isNull();
        assertThatThrownBy(() -> Sockets.connect(listen)).isInstanceOf(ConnectException.class);
        assertThat(client.createProxy("again", listen, upstream.address()).getListen()).isEqualTo(listen);
    }
}
