package io.exchangechaos.fault.config;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The staged exchange's config service for tests: the real one as a separate process when exchange-stack has been
 * built ({@code exchange-stack/target/exchange-stack-0.1.0-SNAPSHOT.jar} and {@code target/lib}), otherwise a small
 * in-process fake with the same four endpoints and the same stack semantics.
 */
public final class ConfigServiceFixture implements AutoCloseable {
    public static final Path STACK_TARGET = Path.of("..", "exchange-stack", "target");
    public static final Path STACK_JAR = STACK_TARGET.resolve("exchange-stack-0.1.0-SNAPSHOT.jar");
    public static final Path STACK_LIB = STACK_TARGET.resolve("lib");

    /** A config shaped like the staged exchange's default. */
    public static final String GOOD_CONFIG = """
        {
          "symbols": [
            {"symbol": "BTC-USD", "referencePrice": 50000, "priceBandPercent": 10, "maxQuantity": 100},
            {"symbol": "ETH-USD", "referencePrice": 3000, "priceBandPercent": 10, "maxQuantity": 1000}
          ],
          "accounts": 100,
          "rateLimitPerAccountPerSecond": 500,
          "creditCheck": {"minNotional": 0, "fallbackMaxNotional": 250000},
          "features": [{"name": "feature-001", "weight": 0.37}, {"name": "feature-002", "weight": 0.74}],
          "metadataFormat": 1
        }
        """;

    private final String url;
    private final Process process;
    private final HttpServer fake;
    private final boolean real;

    private ConfigServiceFixture(String url, Process process, HttpServer fake) {
        this.url = url;
        this.process = process;
        this.fake = fake;
        this.real = process != null;
    }

    public static boolean realServiceAvailable() {
        return Files.isRegularFile(STACK_JAR) && Files.isDirectory(STACK_LIB);
    }

    /** The real service if it has been built, else the fake. */
    public static ConfigServiceFixture start(Path dataDir) throws IOException {
        return realServiceAvailable() ? startReal(dataDir) : startFake();
    }

    public static ConfigServiceFixture startReal(Path dataDir) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = STACK_JAR.toAbsolutePath() + File.pathSeparator + STACK_LIB.toAbsolutePath() + "/*";
        Process p = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
            "io.exchangechaos.stack.config.ConfigServiceMain", "--listen", "127.0.0.1:" + port, "--data", dataDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolveSibling("config-service.log").toFile())
            .start();
        String url = "http://127.0.0.1:" + port;
        ConfigServiceFixture fixture = new ConfigServiceFixture(url, p, null);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        await("config service at " + url + " up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("config service exited: " + Files.readString(dataDir.resolveSibling("config-service.log")));
                }
                return http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            });
        return fixture;
    }

    public static ConfigServiceFixture startFake() throws IOException {
        FakeService state = new FakeService();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/config", state::handle);
        server.start();
        return new ConfigServiceFixture("http://127.0.0.1:" + server.getAddress().getPort(), null, server);
    }

    public String url() {
        return url;
    }

    /** True for the real staged service, false for the fake. */
    public boolean isReal() {
        return real;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (fake != null) {
            fake.stop(0);
        }
    }

    /** The config service's semantics: every push a new version; a rollback republishes the one before. */
    private static final class FakeService {
        private final List<String[]> versions = new ArrayList<>();  // {body, note}
        private final Deque<Integer> effective = new ArrayDeque<>();

        FakeService() {
            add(GOOD_CONFIG, "initial");
        }

        private int add(String body, String note) {
            versions.add(new String[] {body, note});
            effective.push(versions.size());
            return versions.size();
        }

        synchronized void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/config") && method.equals("GET")) {
                int v = effective.peek();
                ex.getResponseHeaders().set("X-Config-Version", Integer.toString(v));
                reply(ex, 200, versions.get(v - 1)[0]);
            } else if (path.equals("/config") && method.equals("POST")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String note = ex.getRequestHeaders().getFirst("X-Config-Note");
                reply(ex, 201, "{\"version\":" + add(body, note == null ? "push" : note) + "}");
            } else if (path.equals("/config/rollback") && method.equals("POST")) {
                if (effective.size() <= 1) {
                    reply(ex, 409, "{\"error\":\"nothing to roll back to\"}");
                    return;
                }
                effective.pop();
                int previous = effective.pop();
                reply(ex, 201, "{\"version\":" + add(versions.get(previous - 1)[0], "rollback to v" + previous) + "}");
            } else if (path.equals("/config/history")) {
                StringBuilder json = new StringBuilder("[");
                for (int i = 0; i < versions.size(); i++) {
                    String[] v = versions.get(i);
                    json.append(i == 0 ? "" : ",").append("{\"version\":").append(i + 1)
                        .append(",\"sha256\":\"").append(ConfigServiceClient.sha256(v[0]))
                        .append("\",\"note\":\"").append(v[1].replace("\"", "'"))
                        .append("\",\"current\":").append(effective.peek() == i + 1).append('}');
                }
                reply(ex, 200, json.append(']').toString());
            } else {
                reply(ex, 404, "{\"error\":\"no such path\"}");
            }
        }

        private static void reply(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
