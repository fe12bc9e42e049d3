package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proxies starting, stopping and failing to reach their upstream, seen from a client socket. */
class ProxyLifecycleIT {
    private static ToxiproxyServer server;
    private static ToxiproxyClient client;
    private static TestUpstream echo;

    @BeforeAll
    static void start() throws IOException {
        server = ToxiproxyServer.start();
        client = new ToxiproxyClient(server.host(), server.port());
        echo = TestUpstream.echo();
    }

    @AfterAll
    static void stop() {
        echo.close();
        server.close();
    }

    @AfterEach
    void deleteProxies() throws IOException {
        for (Proxy proxy : client.getProxies()) {
            proxy.delete();
        }
    }

    @Test
    void disabling_closes_live_connections_and_refuses_new_ones() throws IOException {
        Proxy proxy = client.createProxy("switch", "127.0.0.1:0", echo.address());
        try (Socket live = Sockets.connect(proxy.getListen())) {
            Sockets.roundTrip(live, "up".getBytes());

            proxy.disable();

            assertClosedByProxy(live);
            assertThatThrownBy(() -> Sockets.connect(proxy.getListen())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void deleting_closes_live_connections() throws IOException {
        Proxy proxy = client.createProxy("doomed", "127.0.0.1:0", echo.address());
        try (Socket live = Sockets.connect(proxy.getListen())) {
            Sockets.roundTrip(live, "up".getBytes());

            proxy.delete();

            assertClosedByProxy(live);
        }
    }

    @Test
    void changing_upstream_closes_live_connections_and_new_ones_reach_the_new_upstream() throws IOException {
        Proxy proxy = client.createProxy("redirect", "127.0.0.1:0", echo.address());
        try (TestUpstream greeter = TestUpstream.start(s -> s.getOutputStream().write("new".getBytes()));
             Socket live = Sockets.connect(proxy.getListen())) {
            Sockets.roundTrip(live, "old".getBytes());

            proxy.setUpstream(greeter.address());

            assertClosedByProxy(live);
            try (Socket fresh = Sockets.connect(client.getProxy("redirect").getListen())) {
                assertThat(Sockets.readToEnd(fresh.getInputStream())).isEqualTo("new".getBytes());
            }
        }
    }

    @Test
    void unreachable_upstream_accepts_then_closes() throws IOException {
        Proxy proxy = client.createProxy("nowhere", "127.0.0.1:0", "127.0.0.1:" + Sockets.closedPort());
        try (Socket socket = Sockets.connect(proxy.getListen())) {
            assertClosedByProxy(socket);
        }
    }

    @Test
    void unresolvable_upstream_accepts_then_closes() throws IOException {
        Proxy proxy = client.createProxy("nohost", "127.0.0.1:0", "no-such-host.invalid:80");
        try (Socket socket = Sockets.connect(proxy.getListen())) {
            assertClosedByProxy(socket);
        }
    }

    @Test
    void half_close_from_the_client_reaches_the_server_and_the_reply_still_arrives() throws IOException {
        try (TestUpstream drain = TestUpstream.start(s -> {
            byte[] all = Sockets.readToEnd(s.getInputStream());
            s.getOutputStream().write(("got " + all.length).getBytes());
        })) {
            Proxy proxy = client.createProxy("half", "127.0.0.1:0", drain.address());
            try (Socket socket = Sockets.connect(proxy.getListen())) {
                socket.getOutputStream().write(Sockets.bytes(12_345));
                socket.shutdownOutput();
                assertThat(new String(Sockets.readToEnd(socket.getInputStream()))).isEqualTo("got 12345");
            }
        }
    }

    @Test
    void many_concurrent_connections_each_get_their_own_bytes_back() throws Exception {
        Proxy proxy = client.createProxy("busy", "127.0.0.1:0", echo.address());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                byte[] payload = ("connection-" + c + "-").repeat(200).getBytes();
                results.add(pool.submit(() -> {
                    try (Socket socket = Sockets.connect(proxy.getListen())) {
                        for (int i = 0; i < 20; i++) {
                            Sockets.roundTrip(socket, payload);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The proxy closed the socket: reads end (FIN) or fail (RST), within the read timeout. */
    private static void assertClosedByProxy(Socket socket) throws IOException {
        try {
            assertThat(Sockets.readToEnd(socket.getInputStream())).isEmpty();
        } catch (SocketException reset) {
            assertThat(reset).hasMessageContaining("Connection reset");
        }
    }
}
