package io.exchangechaos.stack.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.stack.config.ConfigService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The stack's HTTP servers under clients that misbehave, over real sockets. */
class HttpServiceIT {
    private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void clientsThatNeverFinishTheirRequestHoldNoThreadAndOthersAreStillServed() throws Exception {
        // GIVEN a real service (the config service: a handful of threads) and more half-sent requests than it has
        try (ConfigService config = ConfigService.start(new HostPort("127.0.0.1", 0), Files.createTempDirectory("http-limits"))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    Socket s = connect(config.port());
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(s);
                }
                // WHEN another client asks
                try (Socket s = connect(config.port())) {
                    s.setSoTimeout(3_000);
                    s.getOutputStream().write(HEALTH);
                    // THEN it is answered
                    assertThat(statusLine(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK");
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Duration idle = Duration.ofMillis(500);
        try (HttpService http = HttpService.start("idle-test", new HostPort("127.0.0.1", 0),
            new HttpService.Limits(4, 16, 16, idle, 16), HttpServiceIT::ok);
             Socket quiet = connect(http.port());
             Socket halfSent = connect(http.port())) {
            halfSent.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            quiet.setSoTimeout(5_000);
            halfSent.setSoTimeout(5_000);
            assertThat(quiet.getInputStream().read()).isEqualTo(-1);
            assertThat(readToEnd(halfSent.getInputStream())).doesNotContain("200");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(idle.minusMillis(100), idle.plusSeconds(2));
        }
    }

    @Test
    void pastTheConnectionLimitANewConnectionWaitsUntilAnotherCloses() throws Exception {
        try (HttpService http = HttpService.start("limit-test", new HostPort("127.0.0.1", 0),
            new HttpService.Limits(4, 16, 2, Duration.ofSeconds(30), 16), HttpServiceIT::ok)) {
            Socket first = connect(http.port());
            Socket second = connect(http.port());
            first.setSoTimeout(3_000);
            first.getOutputStream().write(HEALTH);
            assertThat(statusLine(first.getInputStream())).isEqualTo("HTTP/1.1 200 OK");
            try (Socket third = connect(http.port())) {
                third.setSoTimeout(700);
                third.getOutputStream().write(HEALTH);
                boolean answered;
                try {
                    answered = third.getInputStream().read() >= 0;
                } catch (SocketTimeoutException waiting) {
                    answered = false;
                }
                assertThat(answered).as("a third connection answered while two are open (limit 2)").isFalse();

                first.close();
                third.setSoTimeout(3_000);
                // the first byte of the status line was not read above
                assertThat(statusLine(third.getInputStream())).isEqualTo("HTTP/1.1 200 OK");
            } finally {
                second.close();
            }
        }
    }

    private static void ok(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                           Callback callback) {
        HttpResponses.json(response, callback, 200, java.util.Map.of("status", "UP"));
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
        return s;
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
