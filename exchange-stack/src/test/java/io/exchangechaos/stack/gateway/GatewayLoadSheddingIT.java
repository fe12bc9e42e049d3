package io.exchangechaos.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.config.ConfigService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real gateway (with the real config service) in front of an engine stand-in that holds every command until told:
 * more orders than the gateway's bound arrive at once. The engine is a stand-in only so the test decides when the
 * engine answers.
 */
class GatewayLoadSheddingIT {
    private static final int BOUND = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger engineCommands = new AtomicInteger();
    private ConfigService config;
    private HttpServer engine;
    private Gateway gateway;
    private int orders;

    @BeforeEach
    void start() throws IOException {
        Path data = Files.createTempDirectory("gateway-shedding");
        config = ConfigService.start(new HostPort("127.0.0.1", 0), data);
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        engine.setExecutor(Executors.newCachedThreadPool());
        engine.createContext("/commands", this::heldCommand);
        engine.start();
        gateway = Gateway.start(new Gateway.GatewayConfig("gateway-test", new HostPort("127.0.0.1", 0),
            new HostPort("127.0.0.1", 53), List.of("127.0.0.1:" + engine.getAddress().getPort()),
            "http://127.0.0.1:" + config.port(), "http://127.0.0.1:9", Weakness.NONE, BOUND));
    }

    @AfterEach
    void stop() {
        release.countDown();
        gateway.close();
        engine.stop(0);
        config.close();
    }

    @Test
    void ordersPastTheBoundAreShedAtOnceWithRetryAfterAndTheAcceptedOnesAreStillServed() throws Exception {
        // GIVEN the gateway holding as many orders as its bound, all waiting for the engine
        List<CompletableFuture<HttpResponse<String>>> accepted = new ArrayList<>();
        for (int i = 0; i < BOUND; i++) {
            accepted.add(place());
        }
        waitFor(() -> engineCommands.get() == BOUND);

        // WHEN more orders arrive
        List<CompletableFuture<HttpResponse<String>>> extra = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 3 * BOUND; i++) {
            extra.add(place());
        }
        CompletableFuture.allOf(extra.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Duration shedIn = Duration.ofNanos(System.nanoTime() - start);

        // THEN each is answered at once: 503, nothing done, come back later
        for (CompletableFuture<HttpResponse<String>> f : extra) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
            assertThat(r.body()).contains("\"status\":\"FAILED\"").contains("overloaded").contains("\"retryAfter\":1");
        }
        assertThat(shedIn).as("time to shed %d orders", extra.size()).isLessThan(Duration.ofSeconds(2));
        assertThat(engineCommands.get()).as("commands that reached the engine").isEqualTo(BOUND);
        assertThat(accepted).noneMatch(CompletableFuture::isDone);

        // AND the accepted ones are answered when the engine answers, and the gateway takes orders again
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> f : accepted) {
            assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(place().get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private CompletableFuture<HttpResponse<String>> place() {
        int n = ++orders;
        String body = "{\"account\":1,\"clientOrderId\":\"shed-" + n + "\",\"symbol\":\"BTC-USD\",\"side\":\"BUY\","
            + "\"type\":\"LIMIT\",\"price\":50000,\"quantity\":1}";
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/orders"))
                .header("Content-Type", "application/json").header("X-Request-Timeout-Ms", "20000")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** The engine stand-in: counts the command, waits for the test's word, answers as the leader would. */
    private void heldCommand(HttpExchange ex) throws IOException {
        String command = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        engineCommands.incrementAndGet();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = command.replaceAll(".*\"clientOrderId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        byte[] view = ("{\"orderId\":1,\"account\":1,\"clientOrderId\":\"" + id + "\",\"symbol\":\"BTC-USD\",\"side\":\"BUY\","
            + "\"orderType\":\"LIMIT\",\"price\":50000,\"quantity\":1,\"filled\":0,\"status\":\"NEW\",\"reason\":null}")
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, view.length);
        ex.getResponseBody().write(view);
        ex.close();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
