package io.exchangechaos.stack.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.HttpResponses;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.discovery.EngineResolver;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Order entry for one region: REST/JSON in, commands to the engine leader out.
 *
 * <pre>
 * POST   /orders                      place; 200 ACCEPTED, 400 bad request, 422 REJECTED, 429 rate limited,
 *                                      500 gateway broken, 503 FAILED (nothing committed), 504 UNKNOWN (maybe)
 * DELETE /orders/{clientOrderId}?account=N   cancel
 * GET    /orders/{clientOrderId}      query
 * GET    /health                      status, config and dependency state
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    /** How long a gateway keeps trying engines for one request whose client does not say how long it waits. */
    static final Duration ENGINE_BUDGET = Duration.ofMillis(2500);

    private final GatewayConfig config;
    private final ConfigWatcher configWatcher;
    private final CreditCheck creditCheck;
    private final EngineRouter engines;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "gateway-http");
        t.setDaemon(true);
        return t;
    });
    /** Continuations: engine retries and writing answers back, which may block on a slow client. */
    private final ExecutorService work = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "gateway-work");
        t.setDaemon(true);
        return t;
    });

    private Gateway(GatewayConfig config) throws IOException {
        this.config = config;
        Weakness w = config.weakness();
        this.configWatcher = new ConfigWatcher(config.configUrl(), w != Weakness.NO_CONFIG_VALIDATION);
        this.creditCheck = new CreditCheck(config.dependencyUrl(), w != Weakness.NO_DEPENDENCY_TIMEOUT);
        EngineResolver resolver = new EngineResolver(config.dns(), w != Weakness.NO_DNS_CACHE, Duration.ofMillis(500));
        this.engines = new EngineRouter(config.engines().stream().map(EngineRouter.Endpoint::parse).toList(), resolver::resolve, work);
        configWatcher.start(Duration.ofSeconds(10));
        http = HttpServer.create(new InetSocketAddress(config.listen().host(), config.listen().port()), 512);
        http.setExecutor(threads);
        http.createContext("/orders", this::orders);
        http.createContext("/health", this::health);
        http.start();
    }

    public static Gateway start(GatewayConfig config) throws IOException {
        return new Gateway(config);
    }

    public record GatewayConfig(String id, HostPort listen, HostPort dns, List<String> engines, String configUrl,
                                String dependencyUrl, Weakness weakness) {
    }

    private void orders(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/orders") || path.equals("/orders/")) {
            if ("POST".equals(method)) {
                place(ex);
            } else {
                HttpResponses.error(ex, 405, "use POST /orders to place an order");
            }
            return;
        }
        String clientOrderId = URLDecoder.decode(path.substring("/orders/".length()), StandardCharsets.UTF_8);
        switch (method) {
            case "GET" -> query(ex, clientOrderId);
            case "DELETE" -> cancel(ex, clientOrderId);
            default -> HttpResponses.error(ex, 405, "use GET or DELETE on /orders/{clientOrderId}");
        }
    }

    private void place(HttpExchange ex) {
        long received = System.nanoTime();
        ActiveConfig active = configWatcher.active();
        String defect = active == null ? "no config loaded" : active.defect(Instant.now());
        if (defect != null) {
            configWatcher.orderOutcome(true);
            HttpResponses.error(ex, 500, "gateway cannot take orders: " + defect);
            return;
        }
        Command.Place order;
        try {
            order = OrderRequest.parse(ex.getRequestBody().readAllBytes(), active.config());
        } catch (OrderRequest.Invalid e) {
            HttpResponses.error(ex, 400, e.getMessage(), e.field);
            return;
        } catch (IOException e) {
            HttpResponses.error(ex, 400, "could not read the request body: " + e.getMessage());
            return;
        }
        if (!rateLimiter.allow(order.account(), active.config().rateLimitPerAccountPerSecond())) {
            HttpResponses.json(ex, 429, rejection(order.clientOrderId(), "rate limit of "
                + active.config().rateLimitPerAccountPerSecond() + " orders/s for account " + order.account()));
            return;
        }
        long notional = order.price() * order.quantity();
        CompletableFuture<CreditCheck.Decision> credit = notional < active.config().creditCheck().minNotional()
            ? CompletableFuture.completedFuture(CreditCheck.Decision.APPROVED)
            : creditCheck.check(order.account(), notional);
        credit.whenCompleteAsync((decision, error) -> {
            if (decision == CreditCheck.Decision.DECLINED) {
                HttpResponses.json(ex, 422, rejection(order.clientOrderId(), "credit check declined"));
            } else if (decision != CreditCheck.Decision.APPROVED
                && notional > active.config().creditCheck().fallbackMaxNotional()) {
                HttpResponses.json(ex, 422, rejection(order.clientOrderId(),
                    "credit check unavailable and notional " + notional + " is over the fallback limit"));
            } else {
                submit(ex, order, received);
            }
        }, work);
    }

    /** How long the engines may take for this request: what the client will wait, less what was spent already. */
    private static Duration engineBudget(HttpExchange ex, long received) {
        return ClientDeadline.engineBudget(ex.getRequestHeaders().getFirst(ClientDeadline.HEADER),
            Duration.ofNanos(System.nanoTime() - received));
    }

    private void submit(HttpExchange ex, Command command, long received) {
        byte[] body;
        try {
            body = Json.MAPPER.writerFor(Command.class).writeValueAsBytes(command);
        } catch (IOException e) {
            HttpResponses.error(ex, 500, e.toString());
            return;
        }
        engines.post("/commands", body, engineBudget(ex, received)).whenCompleteAsync((reply, error) -> {
            if (error != null) {
                configWatcher.orderOutcome(true);
                HttpResponses.json(ex, 504, unknown(command.clientOrderId(), error.toString()));
                return;
            }
            configWatcher.orderOutcome(false);
            if (!reply.answered()) {
                HttpResponses.json(ex, reply.maybeCommitted() ? 504 : 503, reply.maybeCommitted()
                    ? unknown(command.clientOrderId(), reply.error())
                    : failed(command.clientOrderId(), reply.error()));
                return;
            }
            respondWithOrder(ex, command, reply);
        }, work);
    }

    private static void respondWithOrder(HttpExchange ex, Command command, EngineRouter.Reply reply) {
        if (reply.status() != 200) {
            HttpResponses.error(ex, 502, "engine answered " + reply.status() + ": " + reply.body());
            return;
        }
        OrderView view;
        try {
            view = Json.MAPPER.readValue(reply.body(), OrderView.class);
        } catch (IOException e) {
            HttpResponses.error(ex, 502, "engine answer did not parse: " + e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientOrderId", command.clientOrderId());
        if (command instanceof Command.Place) {
            boolean rejected = view.status() == OrderStatus.REJECTED;
            body.put("status", rejected ? "REJECTED" : "ACCEPTED");
            body.put("order", view);
            HttpResponses.json(ex, rejected ? 422 : 200, body);
        } else if (view.status() == OrderStatus.REJECTED) {
            body.put("status", "REJECTED");
            body.put("reason", view.reason());
            HttpResponses.json(ex, 404, body);
        } else {
            boolean canceledNow = view.status() == OrderStatus.CANCELED;
            body.put("status", canceledNow ? "CANCELED" : "NOT_OPEN");
            body.put("order", view);
            HttpResponses.json(ex, canceledNow ? 200 : 409, body);
        }
    }

    private void cancel(HttpExchange ex, String clientOrderId) {
        long received = System.nanoTime();
        String query = ex.getRequestURI().getQuery();
        long account;
        try {
            account = Long.parseLong(query == null || !query.startsWith("account=") ? "" : query.substring(8));
        } catch (NumberFormatException e) {
            HttpResponses.error(ex, 400, "cancel needs ?account=N naming the order's account", "account");
            return;
        }
        submit(ex, new Command.Cancel(account, clientOrderId), received);
    }

    private void query(HttpExchange ex, String clientOrderId) {
        engines.get("/orders/" + clientOrderId, engineBudget(ex, System.nanoTime())).whenCompleteAsync((reply, error) -> {
            if (error != null || !reply.answered()) {
                HttpResponses.error(ex, 503, "no engine answered: " + (error != null ? error : reply.error()));
            } else {
                try {
                    HttpResponses.json(ex, reply.status(), Json.MAPPER.readTree(reply.body()));
                } catch (IOException e) {
                    HttpResponses.error(ex, 502, "engine answer did not parse: " + e.getMessage());
                }
            }
        }, work);
    }

    private void health(HttpExchange ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        ActiveConfig active = configWatcher.active();
        body.put("gateway", config.id());
        body.put("status", active == null ? "NO_CONFIG" : "UP");
        body.put("weakness", config.weakness().label());
        body.put("config", configWatcher.status());
        body.put("creditCheck", creditCheck.state());
        HttpResponses.json(ex, active == null ? 503 : 200, body);
    }

    private static Map<String, Object> rejection(String clientOrderId, String reason) {
        return Map.of("clientOrderId", clientOrderId, "status", "REJECTED", "reason", reason);
    }

    private static Map<String, Object> unknown(String clientOrderId, String why) {
        return Map.of("clientOrderId", clientOrderId, "status", "UNKNOWN", "error", why == null ? "" : why);
    }

    private static Map<String, Object> failed(String clientOrderId, String why) {
        return Map.of("clientOrderId", clientOrderId, "status", "FAILED", "error", why == null ? "" : why);
    }

    @Override
    public void close() {
        http.stop(0);
        configWatcher.close();
        threads.shutdownNow();
        work.shutdownNow();
    }
}
