package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.HttpResponses;
import io.exchangechaos.stack.common.HttpService;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.discovery.EngineResolver;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Order entry for one region: REST/JSON in, commands to the engine leader out.
 *
 * <pre>
 * POST   /orders                      place; 200 ACCEPTED, 400 bad request, 422 REJECTED, 429 rate limited,
 *                                      500 gateway broken, 503 FAILED (nothing committed; with Retry-After when
 *                                      shed for load), 504 UNKNOWN (maybe)
 * DELETE /orders/{clientOrderId}?account=N   cancel
 * GET    /orders/{clientOrderId}      query
 * GET    /health                      status, config and dependency state
 * </pre>
 *
 * <p>Past its capacity a gateway sheds load instead of queueing it: an order arriving while {@code maxInFlight}
 * requests are under way is answered at once with 503, {@code Retry-After} and nothing done. A queue of orders each
 * waiting for an overloaded engine only makes every one of them late, and then unknown when its client gives up.
 */
public final class Gateway implements AutoCloseable {
    /** How long a gateway keeps trying engines for one request whose client does not say how long it waits. */
    static final Duration ENGINE_BUDGET = Duration.ofMillis(2500);
    /**
     * Requests under way before new ones are shed. The engine leader sheds first when it is the bottleneck
     * ({@code CommitPipeline.MAX_QUEUED}); this bound catches a gateway that is itself behind, and leaves room for the
     * orders that wait out an election (a second or two of a surviving region's share of the load).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    static final int RETRY_AFTER_SECONDS = 1;
    /** An order is a few hundred bytes. */
    private static final int MAX_BODY_BYTES = 16 * 1024;
    /** Jetty's own bounds sit above the gateway's: the gateway answers a shed request, Jetty would only refuse it. */
    static HttpService.Limits limits(int maxInFlight) {
        return new HttpService.Limits(16, 4 * maxInFlight + 256, 16 * maxInFlight, Duration.ofSeconds(30), 512);
    }

    private final GatewayConfig config;
    private final ConfigWatcher configWatcher;
    private final CreditCheck creditCheck;
    private final EngineRouter engines;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final HttpService http;
    private final AtomicInteger inFlight = new AtomicInteger();
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
        http = HttpService.start(config.id(), config.listen(), limits(config.maxInFlight()), this::route);
    }

    public static Gateway start(GatewayConfig config) throws IOException {
        return new Gateway(config);
    }

    /** @param maxInFlight requests under way before new ones are shed with 503 and Retry-After */
    public record GatewayConfig(String id, HostPort listen, HostPort dns, List<String> engines, String configUrl,
                                String dependencyUrl, Weakness weakness, int maxInFlight) {
    }

    public int port() {
        return http.port();
    }

    private void route(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path.equals("/health")) {
            health(response, callback);
            return;
        }
        if (!path.equals("/orders") && !path.startsWith("/orders/")) {
            HttpResponses.error(response, callback, 404, "no such path [" + path + "]; use /orders, /orders/{clientOrderId} or /health");
            return;
        }
        int now = inFlight.incrementAndGet();
        if (now > config.maxInFlight()) {
            inFlight.decrementAndGet();
            HttpResponses.retryAfter(response, RETRY_AFTER_SECONDS);
            HttpResponses.json(response, callback, 503, overloaded(now - 1));
            return;
        }
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                inFlight.decrementAndGet();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                inFlight.decrementAndGet();
                callback.failed(x);
            }
        };
        try {
            orders(new Call(request, response, done, System.nanoTime()));
        } catch (RuntimeException e) {
            HttpResponses.error(response, done, 500, e.toString());
        }
    }

    /** One request under way: where its answer goes, and when it arrived. */
    private record Call(Request request, Response response, Callback callback, long received) {
        void json(int status, Object body) {
            HttpResponses.json(response, callback, status, body);
        }

        void error(int status, String message) {
            HttpResponses.error(response, callback, status, message);
        }

        void error(int status, String message, String field) {
            HttpResponses.error(response, callback, status, message, field);
        }

        void retryAfter(int seconds) {
            HttpResponses.retryAfter(response, seconds);
        }
    }

    private void orders(Call ex) {
        String path = ex.request().getHttpURI().getPath();
        String method = ex.request().getMethod();
        if (path.equals("/orders") || path.equals("/orders/")) {
            if ("POST".equals(method)) {
                Content.Source.asByteArrayAsync(ex.request(), MAX_BODY_BYTES).whenComplete((body, error) -> {
                    if (error != null) {
                        ex.error(400, "could not read the request body (at most " + MAX_BODY_BYTES + " bytes): "
                            + error.getMessage());
                    } else {
                        place(ex, body);
                    }
                });
            } else {
                ex.error(405, "use POST /orders to place an order");
            }
            return;
        }
        String clientOrderId = URLDecoder.decode(path.substring("/orders/".length()), StandardCharsets.UTF_8);
        switch (method) {
            case "GET" -> query(ex, clientOrderId);
            case "DELETE" -> cancel(ex, clientOrderId);
            default -> ex.error(405, "use GET or DELETE on /orders/{clientOrderId}");
        }
    }

    private void place(Call ex, byte[] requestBody) {
        ActiveConfig active = configWatcher.active();
        String defect = active == null ? "no config loaded" : active.defect(Instant.now());
        if (defect != null) {
            configWatcher.orderOutcome(true);
            ex.error(500, "gateway cannot take orders: " + defect);
            return;
        }
        Command.Place order;
        try {
            order = OrderRequest.parse(requestBody, active.config());
        } catch (OrderRequest.Invalid e) {
            ex.error(400, e.getMessage(), e.field);
            return;
        }
        if (!rateLimiter.allow(order.account(), active.config().rateLimitPerAccountPerSecond())) {
            ex.json(429, rejection(order.clientOrderId(), "rate limit of "
                + active.config().rateLimitPerAccountPerSecond() + " orders/s for account " + order.account()));
            return;
        }
        long notional = order.price() * order.quantity();
        CompletableFuture<CreditCheck.Decision> credit = notional < active.config().creditCheck().minNotional()
            ? CompletableFuture.completedFuture(CreditCheck.Decision.APPROVED)
            : creditCheck.check(order.account(), notional);
        if (credit.isDone()) {
            // most orders need no credit check: no hop to another thread for them
            afterCredit(ex, order, notional, active, credit.handle((decision, error) -> decision).getNow(null));
        } else {
            credit.whenCompleteAsync((decision, error) -> afterCredit(ex, order, notional, active, decision), work);
        }
    }

    private void afterCredit(Call ex, Command.Place order, long notional, ActiveConfig active, CreditCheck.Decision decision) {
        if (decision == CreditCheck.Decision.DECLINED) {
            ex.json(422, rejection(order.clientOrderId(), "credit check declined"));
        } else if (decision != CreditCheck.Decision.APPROVED
            && notional > active.config().creditCheck().fallbackMaxNotional()) {
            ex.json(422, rejection(order.clientOrderId(),
                "credit check unavailable and notional " + notional + " is over the fallback limit"));
        } else {
            submit(ex, order);
        }
    }

    /** How long the engines may take for this request: what the client will wait, less what was spent already. */
    private static Duration engineBudget(Call ex) {
        return ClientDeadline.engineBudget(ex.request().getHeaders().get(ClientDeadline.HEADER),
            Duration.ofNanos(System.nanoTime() - ex.received()));
    }

    private void submit(Call ex, Command command) {
        byte[] body;
        try {
            body = Json.MAPPER.writerFor(Command.class).writeValueAsBytes(command);
        } catch (IOException e) {
            ex.error(500, e.toString());
            return;
        }
        // the router completes on its own work threads: no further hop
        engines.post("/commands", body, engineBudget(ex)).whenComplete((reply, error) -> {
            if (error != null) {
                configWatcher.orderOutcome(true);
                ex.json(504, unknown(command.clientOrderId(), error.toString()));
                return;
            }
            configWatcher.orderOutcome(false);
            if (!reply.answered()) {
                ex.json(reply.maybeCommitted() ? 504 : 503, reply.maybeCommitted()
                    ? unknown(command.clientOrderId(), reply.error())
                    : failed(command.clientOrderId(), reply.error()));
                return;
            }
            if (reply.status() == 429 && !reply.maybeCommitted()) {
                // the leader refused it before queueing: nothing committed, come back later
                ex.retryAfter(RETRY_AFTER_SECONDS);
                ex.json(503, failed(command.clientOrderId(), "engine busy: " + reply.body(), RETRY_AFTER_SECONDS));
                return;
            }
            respondWithOrder(ex, command, reply);
        });
    }

    private static void respondWithOrder(Call ex, Command command, EngineRouter.Reply reply) {
        if (reply.status() != 200) {
            ex.error(502, "engine answered " + reply.status() + ": " + reply.body());
            return;
        }
        OrderView view;
        try {
            view = Json.MAPPER.readValue(reply.body(), OrderView.class);
        } catch (IOException e) {
            ex.error(502, "engine answer did not parse: " + e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientOrderId", command.clientOrderId());
        if (command instanceof Command.Place) {
            boolean rejected = view.status() == OrderStatus.REJECTED;
            body.put("status", rejected ? "REJECTED" : "ACCEPTED");
            body.put("order", view);
            ex.json(rejected ? 422 : 200, body);
        } else if (view.status() == OrderStatus.REJECTED) {
            body.put("status", "REJECTED");
            body.put("reason", view.reason());
            ex.json(404, body);
        } else {
            boolean canceledNow = view.status() == OrderStatus.CANCELED;
            body.put("status", canceledNow ? "CANCELED" : "NOT_OPEN");
            body.put("order", view);
            ex.json(canceledNow ? 200 : 409, body);
        }
    }

    private void cancel(Call ex, String clientOrderId) {
        String query = ex.request().getHttpURI().getQuery();
        long account;
        try {
            account = Long.parseLong(query == null || !query.startsWith("account=") ? "" : query.substring(8));
        } catch (NumberFormatException e) {
            ex.error(400, "cancel needs ?account=N naming the order's account", "account");
            return;
        }
        submit(ex, new Command.Cancel(account, clientOrderId));
    }

    private void query(Call ex, String clientOrderId) {
        engines.get("/orders/" + clientOrderId, engineBudget(ex)).whenComplete((reply, error) -> {
            if (error != null || !reply.answered()) {
                ex.error(503, "no engine answered: " + (error != null ? error : reply.error()));
            } else {
                try {
                    ex.json(reply.status(), Json.MAPPER.readTree(reply.body()));
                } catch (IOException e) {
                    ex.error(502, "engine answer did not parse: " + e.getMessage());
                }
            }
        });
    }

    private void health(Response response, Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        ActiveConfig active = configWatcher.active();
        body.put("gateway", config.id());
        body.put("status", active == null ? "NO_CONFIG" : "UP");
        body.put("weakness", config.weakness().label());
        body.put("config", configWatcher.status());
        body.put("creditCheck", creditCheck.state());
        body.put("inFlight", inFlight.get());
        HttpResponses.json(response, callback, active == null ? 503 : 200, body);
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

    /** Nothing was done; {@code retryAfter} (seconds, as the header) tells a client not to try again at once. */
    private static Map<String, Object> failed(String clientOrderId, String why, int retryAfter) {
        return Map.of("clientOrderId", clientOrderId, "status", "FAILED", "error", why, "retryAfter", retryAfter);
    }

    private Map<String, Object> overloaded(int underWay) {
        return Map.of("status", "FAILED", "error", "gateway " + config.id() + " overloaded: " + underWay
            + " requests under way; nothing done, retry after " + RETRY_AFTER_SECONDS + " s", "retryAfter", RETRY_AFTER_SECONDS);
    }

    @Override
    public void close() {
        http.close();
        configWatcher.close();
        work.shutdownNow();
    }
}
