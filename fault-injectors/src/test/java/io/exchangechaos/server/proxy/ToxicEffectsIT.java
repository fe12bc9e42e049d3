package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** What each toxic does to real traffic through the embedded server. */
class ToxicEffectsIT {
    /** Lower bounds are strict; upper bounds leave room for a busy 2-core machine. */
    private static final long SLACK_MILLIS = 400;

    private static ToxiproxyServer server;
    private static ToxiproxyClient client;
    private static TestUpstream echo;
    private Proxy proxy;

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

    @BeforeEach
    void createProxy(TestInfo test) throws IOException {
        proxy = client.createProxy(test.getTestMethod().orElseThrow().getName(), "127.0.0.1:0", echo.address());
    }

    @AfterEach
    void deleteProxy() throws IOException {
        proxy.delete();
    }

    @Test
    void without_toxics_data_passes_unchanged_both_ways() throws IOException {
        byte[] big = Sockets.bytes(1_000_000);
        try (Socket socket = connect()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(socket, big));
            assertThat(Sockets.readExactly(socket.getInputStream(), big.length)).isEqualTo(big);
            writer.join();
        }
    }

    @Test
    void noop_passes_data_unchanged() throws IOException {
        postToxic("{\"name\":\"n\",\"type\":\"noop\",\"stream\":\"downstream\"}");
        try (Socket socket = connect()) {
            Sockets.roundTrip(socket, Sockets.bytes(50_000));
        }
    }

    @Test
    void latency_upstream_and_downstream_add_up() throws IOException {
        proxy.toxics().latency("up", ToxicDirection.UPSTREAM, 100);
        proxy.toxics().latency("down", ToxicDirection.DOWNSTREAM, 150);
        try (Socket socket = connect()) {
            Duration rtt = Sockets.roundTrip(socket, "hello".getBytes());
            assertThat(rtt.toMillis()).isBetween(250L, 250L + SLACK_MILLIS);
        }
    }

    @Test
    void jitter_spreads_delays_within_latency_plus_or_minus_jitter() throws IOException {
        proxy.toxics().latency("jittery", ToxicDirection.DOWNSTREAM, 60).setJitter(40);
        List<Long> millis = new ArrayList<>();
        try (Socket socket = connect()) {
            for (int i = 0; i < 15; i++) {
                millis.add(Sockets.roundTrip(socket, "x".getBytes()).toMillis());
            }
        }
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isBetween(20L - 1, 100L + SLACK_MILLIS));
        // 15 uniform draws over 80 ms all landing within 10 ms of each other: odds below 1e-12
        assertThat(millis.stream().mapToLong(Long::longValue).max().orElseThrow()
                - millis.stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThan(10);
    }

    @Test
    void bandwidth_paces_100_kb_at_50_kb_per_second_to_about_2_seconds() throws IOException {
        proxy.toxics().bandwidth("slow", ToxicDirection.DOWNSTREAM, 50);
        byte[] data = Sockets.bytes(100_000);
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(socket, data));
            assertThat(Sockets.readExactly(socket.getInputStream(), data.length)).isEqualTo(data);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            writer.join();
            assertThat(elapsed).isBetween(1_600L, 2_400L);
        }
    }

    @Test
    void bandwidth_rate_0_passes_nothing_until_the_toxic_goes() throws IOException {
        proxy.toxics().bandwidth("stopped", ToxicDirection.DOWNSTREAM, 0);
        try (Socket socket = connect()) {
            socket.getOutputStream().write("held".getBytes());
            socket.setSoTimeout(500);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            proxy.toxics().get("stopped").remove();

            socket.setSoTimeout(Sockets.READ_TIMEOUT_MILLIS);
            assertThat(Sockets.readExactly(socket.getInputStream(), 4)).isEqualTo("held".getBytes());
        }
    }

    @Test
    void slow_close_delays_the_close_but_not_the_data() throws IOException {
        try (TestUpstream greeter = TestUpstream.start(s -> s.getOutputStream().write("bye".getBytes()))) {
            proxy.setUpstream(greeter.address());
            proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 500);
            try (Socket socket = connect()) {
                long start = System.nanoTime();
                assertThat(Sockets.readExactly(socket.getInputStream(), 3)).isEqualTo("bye".getBytes());
                long dataMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
                long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(dataMillis).isLessThan(400);
                assertThat(closeMillis).isBetween(500L - 5, 500L + SLACK_MILLIS);
            }
        }
    }

    @Test
    void timeout_drops_data_and_closes_after_the_timeout() throws IOException {
        proxy.toxics().timeout("cut", ToxicDirection.DOWNSTREAM, 300);
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write("anyone?".getBytes());
            assertThat(readUntilClosed(socket)).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L - 5, 300L + SLACK_MILLIS);
        }
    }

    @Test
    void timeout_0_holds_the_connection_until_the_toxic_is_removed() throws IOException {
        proxy.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
        try (Socket socket = connect()) {
            socket.getOutputStream().write("lost".getBytes());
            socket.setSoTimeout(700);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            proxy.toxics().get("hold").remove();

            socket.setSoTimeout(Sockets.READ_TIMEOUT_MILLIS);
            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void reset_peer_resets_the_connection_after_the_first_data() throws IOException {
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 100);
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write("hi".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("Connection reset");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100L - 5);
        }
    }

    @Test
    void slicer_delivers_data_in_delayed_pieces() throws IOException {
        proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 100, 20_000);
        byte[] data = Sockets.bytes(1000);
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write(data);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int reads = 0;
            byte[] buffer = new byte[4096];
            while (received.size() < data.length) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                received.write(buffer, 0, n);
                reads++;
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(received.toByteArray()).isEqualTo(data);
            assertThat(reads).isGreaterThanOrEqualTo(3);
            assertThat(elapsed).isGreaterThanOrEqualTo(9 * 20 - 5);
        }
    }

    @Test
    void limit_data_passes_exactly_n_bytes_then_closes() throws IOException {
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 10);
        byte[] data = Sockets.bytes(30);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(data);
            assertThat(readUntilClosed(socket)).isEqualTo(Arrays.copyOf(data, 10));
        }
    }

    @Test
    void limit_data_upstream_limits_what_the_server_receives() throws Exception {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        try (TestUpstream recorder = TestUpstream.start(s -> received.complete(Sockets.readToEnd(s.getInputStream())))) {
            proxy.setUpstream(recorder.address());
            proxy.toxics().limitData("cap", ToxicDirection.UPSTREAM, 5);
            try (Socket socket = connect()) {
                socket.getOutputStream().write(Sockets.bytes(20));
                assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(Sockets.bytes(5));
                assertThat(readUntilClosed(socket)).isEmpty();
            }
        }
    }

    @Test
    void toxicity_0_never_applies_and_1_always_does() throws IOException {
        Latency latency = proxy.toxics().latency("maybe", ToxicDirection.DOWNSTREAM, 300);
        latency.setToxicity(0f);
        for (int i = 0; i < 5; i++) {
            try (Socket socket = connect()) {
                assertThat(Sockets.roundTrip(socket, "x".getBytes()).toMillis()).isLessThan(250);
            }
        }
        latency.setToxicity(1f);
        for (int i = 0; i < 3; i++) {
            try (Socket socket = connect()) {
                assertThat(Sockets.roundTrip(socket, "x".getBytes()).toMillis()).isGreaterThanOrEqualTo(300);
            }
        }
    }

    @Test
    void adding_changing_and_removing_a_toxic_affects_a_live_connection() throws IOException {
        try (Socket socket = connect()) {
            assertThat(Sockets.roundTrip(socket, "a".getBytes()).toMillis()).isLessThan(250);

            Latency latency = proxy.toxics().latency("live", ToxicDirection.UPSTREAM, 300);
            assertThat(Sockets.roundTrip(socket, "b".getBytes()).toMillis()).isBetween(300L, 300L + SLACK_MILLIS);

            latency.setLatency(600);
            assertThat(Sockets.roundTrip(socket, "c".getBytes()).toMillis()).isBetween(600L, 600L + SLACK_MILLIS);

            latency.remove();
            assertThat(Sockets.roundTrip(socket, "d".getBytes()).toMillis()).isLessThan(250);
        }
    }

    private Socket connect() throws IOException {
        return Sockets.connect(proxy.getListen());
    }

    private void postToxic(String json) throws IOException {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.apiUrl() + "/proxies/" + proxy.getName() + "/toxics"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
            assertThat(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Everything read until the proxy closes the connection (FIN). */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        return Sockets.readToEnd(socket.getInputStream());
    }

    private static void write(Socket socket, byte[] data) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
