package io.exchangechaos.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback in front of a Toxiproxy API: it passes every request on, except that once armed,
 * the requests {@code stalls} picks are read and never answered (the connection stays open, as with a server whose
 * workers are all stuck). What the harness then sees is a Toxiproxy call that hangs.
 */
final class StallingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final URI upstream;
    private final Predicate<String> stalls;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<String> stalled = new CopyOnWriteArrayList<>();
    private volatile boolean armed;

    /** @param stalls given {@code METHOD /path}, true for a request to leave unanswered once armed */
    StallingRelay(URI upstream, Predicate<String> stalls) throws IOException {
        this.upstream = upstream;
        this.stalls = stalls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void arm() {
        armed = true;
    }

    /** The requests left unanswered so far, as {@code METHOD /path}. */
    List<String> stalled() {
        return List.copyOf(stalled);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "relay");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] requestLine = head.split("\r\n")[0].split(" ");
            String method = requestLine[0];
            String path = requestLine[1];
            int length = 0;
            for (String h : head.split("\r\n")) {
                if (h.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (armed && stalls.test(method + " " + path)) {
                held.add(socket);
                stalled.add(method + " " + path);
                return;  // read, never answered
            }
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(upstream.resolve(path))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
            try (OutputStream out = socket.getOutputStream()) {
                out.write(("HTTP/1.1 " + r.statusCode() + " X\r\nContent-Type: "
                    + r.headers().firstValue("Content-Type").orElse("application/json") + "\r\nContent-Length: "
                    + r.body().length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(r.body());
            }
            socket.close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
