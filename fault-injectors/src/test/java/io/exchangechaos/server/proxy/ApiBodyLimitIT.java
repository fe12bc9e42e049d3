package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB body against the standalone server in a JVM of 48 MB heap: refused with 413 before it is read into
 * memory, whether its length is announced or it comes chunked, and the server goes on answering. Without the limit
 * the body was read whole, and a small heap ran out of memory.
 */
class ApiBodyLimitIT {
    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @TempDir
    static Path dir;
    private static Process process;
    private static URI api;

    @BeforeAll
    static void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ToxiproxyServerMain.class.getName(), "--port", "0"));
        process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String banner = out.readLine();
        assertThat(banner).startsWith("toxiproxy-compatible server listening on http://");
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "server-stdout");
        drain.setDaemon(true);
        drain.start();
        api = URI.create(banner.substring(banner.indexOf("http://")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
    }

    @Test
    void a_100_mb_body_of_announced_length_is_refused_with_413() throws Exception {
        String status = post("/proxies", "Content-Length: " + HUNDRED_MB + "\r\n", out -> stream(out, false));

        assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertStillServing();
    }

    @Test
    void a_100_mb_chunked_body_is_refused_with_413() throws Exception {
        String status = post("/populate", "Transfer-Encoding: chunked\r\n", out -> stream(out, true));

        assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertStillServing();
    }

    private static void assertStillServing() throws IOException {
        assertThat(post("/reset", "Content-Length: 0\r\n", out -> { })).isEqualTo("HTTP/1.1 204 No Content");
        assertThat(process.isAlive()).isTrue();
        assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("OutOfMemoryError");
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Sends the head, the body from another thread (the server may stop reading it), and answers the status line. */
    private static String post(String path, String headers, Body body) throws IOException {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: limit\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread sender = new Thread(() -> {
                try {
                    body.write(out);
                    out.flush();
                } catch (IOException refused) {
                    // the server answered and closed before taking it all
                }
            }, "body-sender");
            sender.setDaemon(true);
            sender.start();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private static void stream(OutputStream out, boolean chunked) throws IOException {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) '[');
        for (long sent = 0; sent < HUNDRED_MB; sent += block.length) {
            if (chunked) {
                out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(block);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
