package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.HttpResponses;
import io.exchangechaos.stack.common.HttpService;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.config.ExchangeConfig;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final OrderPath orders;
    private final HttpService http;
    private final FixAcceptor fix;

    private Gateway(GatewayConfig config) throws IOException {
        this.config = config;
        this.orders = new OrderPath(config);
        HttpService started = null;
        FixAcceptor fixStarted = null;
        try {
            started = HttpService.start(config.id(), config.listen(), limits(config.maxInFlight()), this::route);
            fixStarted = config.fix() == null ? null : FixAcceptor.start(config.id(), config.fix(), config.weakness(), orders);
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            orders.close();
            throw e;
        }
        this.http = started;
        this.fix = fixStarted;
    }

    public static Gateway start(GatewayConfig config) throws IOException {
        return new Gateway(config);
    }

    /**
     * @param maxInFlight requests under way before new ones are shed with 503 and Retry-After
     * @param fix         FIX order entry, or null for none
     */
    public record GatewayConfig(String id, HostPort listen, HostPort dns, List<String> engines, String configUrl,
                                String dependencyUrl, Weakness weakness, int maxInFlight, FixSettings fix) {

        public GatewayConfig(String id, HostPort listen, HostPort dns, List<String> engines, String configUrl,
                             String dependencyUrl, Weakness weakness, int maxInFlight) {
            this(id, listen, dns, engines, configUrl, dependencyUrl, weakness, maxInFlight, null);
        }
    }

    /**
     * FIX 4.4 order entry ({@link FixAcceptor}).
     *
     * @param listen         where the acceptor listens
     * @param dataDir        the message store and message logs; sequence numbers survive a restart there
     * @param senderCompIds  the initiators allowed to log on, or empty for any
     */
    public record FixSettings(HostPort listen, Path dataDir, List<String> senderCompIds) {
    }

    public int port() {
        return http.port();
    }

    /** The FIX acceptor's port, or -1 without one. */
    public int fixPort() {
        return fix == null ? -1 : fix.port();
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
        int underWay = orders.enter();
        if (underWay >= 0) {
            HttpResponses.retryAfter(response, RETRY_AFTER_SECONDS);
            HttpResponses.json(response, callback, 503, overloaded(config.id(), underWay));
            return;
        }
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                orders.leave();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                orders.leave();
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
        String[] defect = new String[1];
        ExchangeConfig active = orders.usableConfig(defect);
        if (active == null) {
            ex.error(500, defect[0]);
            return;
        }
        Command.Place order;
        try {
            order = OrderRequest.parse(requestBody, active);
        } catch (OrderRequest.Invalid e) {
            ex.error(400, e.getMessage(), e.field);
            return;
        }
        orders.place(order, active, engineBudget(ex)).whenComplete((outcome, error) ->
            respond(ex, order, outcome != null ? outcome : new Outcome.Broken(500, String.valueOf(error))));
    }

    /** How long the engines may take for this request: what the client will wait, less what was spent already. */
    private static Duration engineBudget(Call ex) {
        return ClientDeadline.engineBudget(ex.request().getHeaders().get(ClientDeadline.HEADER),
            Duration.ofNanos(System.nanoTime() - ex.received()));
    }

    private static void respond(Call ex, Command command, Outcome outcome) {
        String id = command.clientOrderId();
        if (outcome instanceof Outcome.Order o) {
            respondWithOrder(ex, command, o.view());
        } else if (outcome instanceof Outcome.Refused r) {
            ex.json(r.why() == Outcome.Refused.Why.RATE_LIMITED ? 429 : 422, rejection(id, r.reason()));
        } else if (outcome instanceof Outcome.Failed f) {
            if (f.retryAfterSeconds() > 0) {
                ex.retryAfter(f.retryAfterSeconds());
                ex.json(503, failed(id, f.reason(), f.retryAfterSeconds()));
            } else {
                ex.json(503, failed(id, f.reason()));
            }
        } else if (outcome instanceof Outcome.Unknown u) {
            ex.json(504, unknown(id, u.reason()));
        } else {
            Outcome.Broken b = (Outcome.Broken) outcome;
            ex.error(b.httpStatus(), b.reason());
        }
    }

    private static void respondWithOrder(Call ex, Command command, OrderView view) {
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
        Command.Cancel cancel = new Command.Cancel(account, clientOrderId);
        orders.cancel(cancel, engineBudget(ex)).whenComplete((outcome, error) ->
            respond(ex, cancel, outcome != null ? outcome : new Outcome.Broken(500, String.valueOf(error))));
    }

    private void query(Call ex, String clientOrderId) {
        orders.lookup(clientOrderId, engineBudget(ex)).whenComplete((reply, error) -> {
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
        boolean configured = orders.hasConfig();
        body.put("gateway", config.id());
        body.put("status", configured ? "UP" : "NO_CONFIG");
        body.put("weakness", config.weakness().label());
        body.put("config", orders.configStatus());
        body.put("creditCheck", orders.creditState());
        body.put("inFlight", orders.inFlight());
        if (fix != null) {
            body.put("fix", fix.health());
        }
        HttpResponses.json(response, callback, configured ? 200 : 503, body);
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

    static Map<String, Object> overloaded(String gateway, int underWay) {
        return Map.of("status", "FAILED", "error", "gateway " + gateway + " overloaded: " + underWay
            + " requests under way; nothing done, retry after " + RETRY_AFTER_SECONDS + " s", "retryAfter", RETRY_AFTER_SECONDS);
    }

    @Override
    public void close() {
        http.close();
        if (fix != null) {
            // before the order path goes: a session dropped by the shutdown may have orders to cancel
            fix.close();
        }
        orders.close();
    }
}
