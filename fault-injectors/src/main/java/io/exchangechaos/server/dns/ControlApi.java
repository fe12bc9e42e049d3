package io.exchangechaos.server.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.exchangechaos.core.http.JettyServers;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP control API, so a harness in another process (or {@code ./chaos cleanup} after a
 * crash) can drive the server. Every error is {@code {"error": "...", "status": N}}. On Jetty
 * ({@link JettyServers}): a slow or stalled client holds no thread.
 */
final class ControlApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);

    /** A request handler; {@code path} holds the value of the {@code {…}} segment, if any. */
    @FunctionalInterface
    private interface RouteAction {
        ControlReply handle(String pathValue, Map<String, String> query, byte[] body);
    }

    private record Route(String method, String template, List<String> parameters, RouteAction handler) {

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

    private record ControlReply(int status, JsonNode body) {

        static ControlReply ok(JsonNode body) {
            return new ControlReply(200, body);
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

    private final DnsFaultServer server;
    private final List<Route> routes;
    private final int maxBodyBytes;
    private Server http;
    private InetSocketAddress address;

    private ControlApi(DnsFaultServer server, int maxBodyBytes) {
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
        this.routes = List.of(
                new Route("GET", "/health", List.of(), (v, q, b) -> ControlReply.ok(DnsJson.status(server.status()))),
                new Route("GET", "/records", List.of(), (v, q, b) -> ControlReply.ok(records())),
                new Route("GET", "/records/{name}", List.of(), (v, q, b) -> ControlReply.ok(DnsJson.record(record(v)))),
                new Route("PUT", "/records/{name}", List.of(), (v, q, b) -> ControlReply.ok(DnsJson.record(putRecord(v, b)))),
                new Route("DELETE", "/records/{name}", List.of(), (v, q, b) -> deleteRecord(v)),
                new Route("GET", "/faults", List.of(), (v, q, b) -> ControlReply.ok(faults())),
                new Route("POST", "/faults", List.of(), (v, q, b) -> new ControlReply(201, DnsJson.fault(inject(b)))),
                new Route("DELETE", "/faults", List.of(),
                        (v, q, b) -> ControlReply.ok(DnsJson.object().put("healed", server.clearFaults()))),
                new Route("GET", "/faults/{id}", List.of(), (v, q, b) -> ControlReply.ok(DnsJson.fault(fault(v)))),
                new Route("DELETE", "/faults/{id}", List.of(), (v, q, b) -> heal(v)),
                new Route("GET", "/queries", ControlRequests.QUERY_PARAMETERS, (v, q, b) -> ControlReply.ok(queries(q))),
                new Route("GET", "/queries/counts", List.of(), (v, q, b) -> ControlReply.ok(DnsJson.counts(server.queryCounts()))));
    }

    static ControlApi start(InetSocketAddress address, DnsFaultServer server) throws IOException {
        return start(address, server, JettyServers.Limits.CONTROL);
    }

    static ControlApi start(InetSocketAddress address, DnsFaultServer server, JettyServers.Limits limits) throws IOException {
        ControlApi api = new ControlApi(server, limits.maxBodyBytes());
        JettyServers.ErrorFormat errors = new JettyServers.ErrorFormat("application/json",
                (status, reason) -> DnsJson.error(status, List.of(reason.toLowerCase(Locale.ROOT))).toString());
        try {
            api.http = JettyServers.start("dns-control", address, limits, errors, api.new ControlHandler());
        } catch (BindException e) {
            BindException explained = new BindException("cannot listen for the control API on [" + DnsNames.hostPort(address)
                    + "]: " + e.getMessage() + "; stop the process using it or choose another control port");
            explained.initCause(e);
            throw explained;
        }
        api.address = JettyServers.address(api.http);
        return api;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Routes a request once its body is in (read without holding a thread), on one of the server's threads. */
    private final class ControlHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
            if (userAgent != null && userAgent.startsWith("Mozilla/")) {
                // a web page must not drive the control port through a browser (CSRF), as Toxiproxy's API refuses
                send(response, new ControlReply(403, DnsJson.error(403, List.of("browser requests are refused;"
                        + " call the control API from a program (curl, the harness)"))), callback);
                return true;
            }
            if (request.getLength() > maxBodyBytes) {
                send(response, tooLarge(), callback);
                return true;
            }
            Content.Source.asByteArrayAsync(request, maxBodyBytes, Promise.Invocable.from(Invocable.InvocationType.BLOCKING,
                    (body, failure) -> {
                        // Jetty ends the read with an IllegalStateException once the body passes the limit
                        if (failure instanceof IllegalStateException) {
                            send(response, tooLarge(), callback);
                        } else if (failure != null) {
                            callback.failed(failure);
                        } else {
                            send(response, answer(request, response, body), callback);
                        }
                    }));
            return true;
        }
    }

    private ControlReply tooLarge() {
        return new ControlReply(413, DnsJson.error(413, List.of("request body is larger than " + maxBodyBytes
                + " bytes; send one record or fault per request")));
    }

    private ControlReply answer(Request request, Response response, byte[] body) {
        try {
            return route(request.getMethod(), request.getHttpURI().getDecodedPath(), request.getHttpURI().getQuery(), body);
        } catch (ApiError e) {
            if (e.allow != null) {
                response.getHeaders().put(HttpHeader.ALLOW, e.allow);
            }
            return new ControlReply(e.status, DnsJson.error(e.status, e.problems));
        } catch (InvalidInputException e) {
            return new ControlReply(400, DnsJson.error(400, e.problems()));
        } catch (RuntimeException e) {
            LOG.error("control API request [{} {}] failed", request.getMethod(), request.getHttpURI(), e);
            return new ControlReply(500, DnsJson.error(500, List.of("internal error: " + e)));
        }
    }

    private ControlReply route(String method, String path, String rawQuery, byte[] body) {
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
            Map<String, String> query = query(rawQuery);
            List<String> problems = ControlRequests.unknownParameters(query.keySet(), route.parameters());
            if (!problems.isEmpty()) {
                throw new ApiError(400, problems, null);
            }
            return route.handler().handle(value, query, body);
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

    private ZoneRecord record(String name) {
        return server.record(name).orElseThrow(() -> new ApiError(404,
                "no record [" + name + "]; list records with GET /records"));
    }

    private ZoneRecord putRecord(String name, byte[] body) {
        return server.putRecord(ControlRequests.record(name, body, server.zoneRules(), server.config().ttl()));
    }

    private ControlReply deleteRecord(String name) {
        if (!server.removeRecord(name)) {
            throw new ApiError(404, "no record [" + name + "]; list records with GET /records");
        }
        return new ControlReply(204, null);
    }

    private ArrayNode faults() {
        ArrayNode array = DnsJson.MAPPER.createArrayNode();
        server.faults().forEach(f -> array.add(DnsJson.fault(f)));
        return array;
    }

    private ActiveDnsFault inject(byte[] body) {
        return server.inject(ControlRequests.fault(body, server.zoneRules())).fault();
    }

    private ActiveDnsFault fault(String id) {
        return server.fault(id).orElseThrow(() -> unknownFault(id));
    }

    private ControlReply heal(String id) {
        if (!server.heal(id)) {
            throw unknownFault(id);
        }
        return new ControlReply(204, null);
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

    private static void send(Response response, ControlReply answer, Callback callback) {
        response.setStatus(answer.status());
        if (answer.body() == null) {
            callback.succeeded();
            return;
        }
        byte[] bytes;
        try {
            bytes = DnsJson.MAPPER.writeValueAsBytes(answer.body());
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static String or(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    @Override
    public void close() {
        JettyServers.stop(http);
    }
}
