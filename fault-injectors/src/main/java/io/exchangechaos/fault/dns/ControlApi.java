package io.exchangechaos.fault.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP control API, so a harness in another process (or {@code ./chaos cleanup} after a
 * crash) can drive the server. Every error is {@code {"error": "...", "status": N}}.
 */
final class ControlApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    /** A request handler; {@code path} holds the value of the {@code {…}} segment, if any. */
    @FunctionalInterface
    private interface Handler {
        Response handle(String pathValue, Map<String, String> query, byte[] body);
    }

    private record Route(String method, String template, List<String> parameters, Handler handler) {

        /** The {@code {…}} segment's value when {@code path} fits the template, else null. */
        String match(String path) {
            String[] want = template.split("/", -1);
            String[] got = path.split("/", -1);
            if (want.length != got.length) {
                return null;
            }
            String value = "";
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{")) {
                    if (got[i].isEmpty()) {
                        return null;
                    }
                    value = got[i];
                } else if (!want[i].equals(got[i])) {
                    return null;
                }
            }
            return value;
        }
    }

    private record Response(int status, JsonNode body) {

        static Response ok(JsonNode body) {
            return new Response(200, body);
        }
    }

    /** An HTTP error with its user-facing problems. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final List<String> problems;
        final String allow;

        ApiError(int status, String problem) {
            this(status, List.of(problem), null);
        }

        ApiError(int status, List<String> problems, String allow) {
            super(String.join("\n", problems));
            this.status = status;
            this.problems = problems;
            this.allow = allow;
        }
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final DnsFaultServer server;
    private final List<Route> routes;

    private ControlApi(HttpServer http, ExecutorService executor, DnsFaultServer server) {
        this.http = http;
        this.executor = executor;
        this.server = server;
        this.routes = List.of(
                new Route("GET", "/health", List.of(), (v, q, b) -> Response.ok(DnsJson.status(server.status()))),
                new Route("GET", "/records", List.of(), (v, q, b) -> Response.ok(records())),
                new Route("GET", "/records/{name}", List.of(), (v, q, b) -> Response.ok(DnsJson.record(record(v)))),
                new Route("PUT", "/records/{name}", List.of(), (v, q, b) -> Response.ok(DnsJson.record(putRecord(v, b)))),
                new Route("DELETE", "/records/{name}", List.of(), (v, q, b) -> deleteRecord(v)),
                new Route("GET", "/faults", List.of(), (v, q, b) -> Response.ok(faults())),
                new Route("POST", "/faults", List.of(), (v, q, b) -> new Response(201, DnsJson.fault(inject(b)))),
                new Route("DELETE", "/faults", List.of(),
                        (v, q, b) -> Response.ok(DnsJson.object().put("healed", server.clearFaults()))),
                new Route("GET", "/faults/{id}", List.of(), (v, q, b) -> Response.ok(DnsJson.fault(fault(v)))),
                new Route("DELETE", "/faults/{id}", List.of(), (v, q, b) -> heal(v)),
                new Route("GET", "/queries", ControlRequests.QUERY_PARAMETERS, (v, q, b) -> Response.ok(queries(q))),
                new Route("GET", "/queries/counts", List.of(), (v, q, b) -> Response.ok(DnsJson.counts(server.queryCounts()))));
    }

    static ControlApi start(InetSocketAddress address, DnsFaultServer server) throws IOException {
        HttpServer http;
        try {
            http = io.exchangechaos.fault.NoDelayHttpServers.create(address, 64);
        } catch (BindException e) {
            BindException explained = new BindException("cannot listen for the control API on [" + DnsNames.hostPort(address)
                    + "]: " + e.getMessage() + "; stop the process using it or choose another control port");
            explained.initCause(e);
            throw explained;
        }
        // Two threads: control calls are rare and short; the DNS path never waits on them.
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "dns-control");
            thread.setDaemon(true);
            return thread;
        });
        ControlApi api = new ControlApi(http, executor, server);
        http.createContext("/", api::exchange);
        http.setExecutor(executor);
        http.start();
        return api;
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (ApiError e) {
                if (e.allow != null) {
                    exchange.getResponseHeaders().set("Allow", e.allow);
                }
                response = new Response(e.status, DnsJson.error(e.status, e.problems));
            } catch (InvalidInputException e) {
                response = new Response(400, DnsJson.error(400, e.problems()));
            } catch (RuntimeException e) {
                LOG.error("control API request [{} {}] failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = new Response(500, DnsJson.error(500, List.of("internal error: " + e)));
            }
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("control API reply failed: {}", e.toString());
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            String value = route.match(path);
            if (value == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            List<String> problems = ControlRequests.unknownParameters(query.keySet(), route.parameters());
            if (!problems.isEmpty()) {
                throw new ApiError(400, problems, null);
            }
            return route.handler().handle(value, query, body(exchange));
        }
        if (!allowed.isEmpty()) {
            String allow = String.join(", ", allowed);
            throw new ApiError(405, List.of("method [" + method + "] is not allowed on [" + path + "]; use "
                    + or(new ArrayList<>(allowed))), allow);
        }
        throw new ApiError(404, "no endpoint [" + method + " " + path + "]; endpoints: " + routes.stream()
                .map(r -> r.method() + " " + r.template()).collect(Collectors.joining(", ")));
    }

    private ArrayNode records() {
        ArrayNode array = DnsJson.MAPPER.createArrayNode();
        server.records().forEach(r -> array.add(DnsJson.record(r)));
        return array;
    }

    private DnsRecord record(String name) {
        return server.record(name).orElseThrow(() -> new ApiError(404,
                "no record [" + name + "]; list records with GET /records"));
    }

    private DnsRecord putRecord(String name, byte[] body) {
        return server.putRecord(ControlRequests.record(name, body, server.zoneRules(), server.config().ttl()));
    }

    private Response deleteRecord(String name) {
        if (!server.removeRecord(name)) {
            throw new ApiError(404, "no record [" + name + "]; list records with GET /records");
        }
        return new Response(204, null);
    }

    private ArrayNode faults() {
        ArrayNode array = DnsJson.MAPPER.createArrayNode();
        server.faults().forEach(f -> array.add(DnsJson.fault(f)));
        return array;
    }

    private ActiveFault inject(byte[] body) {
        return server.inject(ControlRequests.fault(body, server.zoneRules())).fault();
    }

    private ActiveFault fault(String id) {
        return server.fault(id).orElseThrow(() -> unknownFault(id));
    }

    private Response heal(String id) {
        if (!server.heal(id)) {
            throw unknownFault(id);
        }
        return new Response(204, null);
    }

    private static ApiError unknownFault(String id) {
        return new ApiError(404, "no active fault [" + id + "]; list active faults with GET /faults");
    }

    private ArrayNode queries(Map<String, String> query) {
        ArrayNode array = DnsJson.MAPPER.createArrayNode();
        server.queries(ControlRequests.queryFilter(query)).forEach(e -> array.add(DnsJson.entry(e)));
        return array;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.put(key, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiError(413, "request body is larger than " + MAX_BODY_BYTES + " bytes; send one record or fault per request");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = DnsJson.MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String or(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
