package io.exchangechaos.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.history.History;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Gatling against a local HTTP server: every place and every cancel tells the exchange how long its client will
 * wait ({@link OrderSimulation#TIMEOUT_HEADER}, the scenario's request timeout in milliseconds), so a gateway can use
 * that time instead of guessing.
 */
class OrdersSayHowLongTheyWaitIT {

    @TempDir
    Path dir;

    @Test
    void everyOrderRequestCarriesTheClientsTimeout() throws Exception {
        ConcurrentMap<String, String> seen = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer exchange = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        exchange.createContext("/", x -> {
            if (!"GET".equals(x.getRequestMethod())) {  // GET is the load generator's canary, not an order
                requests.incrementAndGet();
                String value = x.getRequestHeaders().getFirst(OrderSimulation.TIMEOUT_HEADER);
                seen.merge(x.getRequestMethod() + " " + value, "", (a, b) -> a);
            }
            byte[] body = "{\"order\":{\"status\":\"NEW\"}}".getBytes(StandardCharsets.UTF_8);
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        exchange.setExecutor(Executors.newFixedThreadPool(2));
        exchange.start();
        try {
            ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
            URI entry = URI.create("http://127.0.0.1:" + exchange.getAddress().getPort() + "/");
            // half of the operations cancels, so both methods are seen
            LoadPlan plan = new LoadPlan(40, Duration.ZERO, Duration.ofSeconds(2), List.of(), 0.5, 0.0, 0.5,
                adapter.defaultSymbols(), 5, Duration.ofMillis(3250), List.of(entry), 0, true, 3, 7, "timeout-header-it");
            try (History history = History.create(dir.resolve("history.jsonl"))) {
                GatlingLoadDriver.Running running = new GatlingLoadDriver(dir.resolve("gatling")).start(plan, adapter, history, entry);
                running.exitCode().get(60, TimeUnit.SECONDS);
            }
            assertThat(requests.get()).as("the load reached the exchange").isGreaterThan(40);
            assertThat(seen.keySet()).as("method and %s of every request", OrderSimulation.TIMEOUT_HEADER)
                .containsExactlyInAnyOrder("POST 3250", "DELETE 3250");
        } finally {
            exchange.stop(0);
        }
    }
}
