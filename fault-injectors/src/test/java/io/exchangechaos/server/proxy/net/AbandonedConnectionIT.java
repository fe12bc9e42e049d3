package io.exchangechaos.server.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that gives up on its answer closes its socket; from the proxy that looks like a half-close. The proxy must
 * not keep both sockets of every such client while its upstream stays silent, and must still carry a real half-close
 * through to the answer. Real sockets on loopback, a real proxy.
 */
class AbandonedConnectionIT {
    /** {@code Connection.HALF_CLOSED_IDLE_NANOS} */
    private static final Duration IDLE = Duration.ofSeconds(2);

    private IoLoopGroup loops;
    private ProxyInstance proxy;
    private ServerSocket upstream;

    @BeforeEach
    void start() throws IOException {
        loops = new IoLoopGroup(1, "abandoned-test");
        proxy = new ProxyInstance("abandoned", loops);
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.stop();
        loops.close();
        upstream.close();
    }

    @Test
    void a_client_that_closed_while_the_upstream_stays_silent_is_dropped_with_its_upstream() throws Exception {
        // GIVEN an upstream that takes the request and never answers nor closes (hung, or swamped)
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(this::acceptOne);
        InetSocketAddress listen = proxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstreamAddress());
        Socket client = connect(listen);
        client.getOutputStream().write("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        Socket server = accepted.get(5, TimeUnit.SECONDS);
        server.setSoTimeout(10_000);
        readAtLeast(server.getInputStream(), 10);
        assertThat(proxy.connectionCount()).isEqualTo(1);

        // WHEN the client times out and closes
        long closedAt = System.nanoTime();
        client.close();

        // THEN the proxy lets go of both sockets once the connection has been silent for the idle time
        await().atMost(IDLE.plusSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> proxy.connectionCount() == 0);
        Duration held = Duration.ofNanos(System.nanoTime() - closedAt);
        assertThat(held).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        // and the upstream's socket is closed, not half-closed: what it writes now is refused
        assertThat(writesFail(server)).as("the upstream can still write into the abandoned connection").isTrue();
        server.close();
    }

    @Test
    void a_half_close_is_still_carried_through_to_an_answer_that_comes_within_the_idle_time() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(this::acceptOne);
        InetSocketAddress listen = proxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstreamAddress());
        try (Socket client = connect(listen)) {
            client.getOutputStream().write("question".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            try (Socket server = accepted.get(5, TimeUnit.SECONDS)) {
                server.setSoTimeout(10_000);
                assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("question");
                Thread.sleep(IDLE.toMillis() / 2);
                server.getOutputStream().write("answer".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("answer");
        }
    }

    @Test
    void a_half_closed_connection_that_keeps_flowing_is_not_cut() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(this::acceptOne);
        InetSocketAddress listen = proxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstreamAddress());
        int pieces = (int) (IDLE.toMillis() * 2 / 300) + 1;
        try (Socket client = connect(listen)) {
            client.shutdownOutput();
            try (Socket server = accepted.get(5, TimeUnit.SECONDS)) {
                for (int i = 0; i < pieces; i++) {
                    server.getOutputStream().write('x');
                    Thread.sleep(300);
                }
            }
            assertThat(client.getInputStream().readAllBytes()).hasSize(pieces);
        }
    }

    private String upstreamAddress() {
        return "127.0.0.1:" + upstream.getLocalPort();
    }

    private Socket acceptOne() {
        try {
            return upstream.accept();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void readAtLeast(InputStream in, int bytes) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (seen.size() < bytes) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("end of stream after " + seen.size() + " bytes");
            }
            seen.write(buffer, 0, n);
        }
    }

    /** Writes until the peer's reset shows, a few times over; a half-closed peer would take every byte. */
    private static boolean writesFail(Socket socket) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            try {
                socket.getOutputStream().write('x');
                socket.getOutputStream().flush();
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
