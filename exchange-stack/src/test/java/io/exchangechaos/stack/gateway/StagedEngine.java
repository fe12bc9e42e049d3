package io.exchangechaos.stack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.config.ConfigService;
import io.exchangechaos.stack.engine.EngineConfig;
import io.exchangechaos.stack.engine.EngineNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real engine (a Raft group of one) and the real config service, in this JVM on free loopback ports: what a
 * gateway under test talks to.
 */
final class StagedEngine implements AutoCloseable {
    final Path dataDir;
    final ConfigService config;
    final EngineNode engine;
    final int enginePort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    StagedEngine() throws Exception {
        dataDir = Files.createTempDirectory("staged-engine");
        config = ConfigService.start(new HostPort("127.0.0.1", 0), dataDir.resolve("config"));
        enginePort = freePort();
        HostPort raft = new HostPort("127.0.0.1", freePort());
        engine = EngineNode.start(new EngineConfig("r1", new HostPort("127.0.0.1", enginePort), raft, Map.of("r1", raft),
            dataDir.resolve("engine"), Weakness.NONE, EngineConfig.Transport.GRPC));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get("/health").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("engine did not elect itself leader in 30 s");
            }
            Thread.sleep(50);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String configUrl() {
        return "http://127.0.0.1:" + config.port();
    }

    String engineAddress() {
        return "127.0.0.1:" + enginePort;
    }

    /** A gateway's settings against this engine: no DNS (an address literal), no credit check for small orders. */
    Gateway.GatewayConfig gateway(String id, Weakness weakness, Gateway.FixSettings fix) {
        return new Gateway.GatewayConfig(id, new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 53),
            List.of(engineAddress()), configUrl(), "http://127.0.0.1:9", weakness, Gateway.DEFAULT_MAX_IN_FLIGHT, fix);
    }

    /** The order as the engine has it, or null when it has none. */
    JsonNode order(String clientOrderId) throws Exception {
        HttpResponse<String> r = get("/orders/" + clientOrderId);
        return r.statusCode() == 404 ? null : Json.MAPPER.readTree(r.body());
    }

    String status(String clientOrderId) throws Exception {
        JsonNode o = order(clientOrderId);
        return o == null ? null : o.get("status").asText();
    }

    long orderCount() throws Exception {
        return Json.MAPPER.readTree(get("/state/digest").body()).get("orderCount").asLong();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enginePort + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        engine.close();
        config.close();
    }
}
