package io.exchangechaos.server.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.http.ControlCalls;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The control API over HTTP: the same {@link DnsFaultControl} as an in-process server, for a
 * server in another process. Immutable and thread-safe.
 */
public final class DnsFaultClient implements DnsFaultControl {

    public static final Duration DEFAULT_TIMEOUT = ControlCalls.DEFAULT;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private DnsFaultClient(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        // HTTP/1.1: the server speaks nothing else, and a request for HTTP/2 costs an upgrade header on every call
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A client for the control API at {@code baseUri}, e.g. {@code http://127.0.0.1:8475}. */
    public static DnsFaultClient connect(URI baseUri) {
        return new DnsFaultClient(baseUri, DEFAULT_TIMEOUT);
    }

    public static DnsFaultClient connect(String baseUri) {
        return connect(URI.create(baseUri));
    }

    public DnsFaultClient withTimeout(Duration newTimeout) {
        return new DnsFaultClient(base, newTimeout);
    }

    public URI baseUri() {
        return base;
    }

    /** True when the server answers {@code GET /health}; never throws. */
    public boolean isUp() {
        try {
            status();
            return true;
        } catch (DnsFaultClientException e) {
            return false;
        }
    }

    @Override
    public FaultHandle inject(FaultSpec spec) {
        JsonNode body = send("POST", "/faults", DnsJson.faultSpec(spec), 201);
        return new FaultHandle(DnsJson.fault(body), this);
    }

    @Override
    public boolean heal(String faultId) {
        return sendOrAbsent("DELETE", "/faults/" + encode(faultId), null, 204).isPresent();
    }

    @Override
    public int clearFaults() {
        return send("DELETE", "/faults", null, 200).path("healed").asInt();
    }

    @Override
    public List<ActiveDnsFault> faults() {
        return list(send("GET", "/faults", null, 200), DnsJson::fault);
    }

    @Override
    public List<ZoneRecord> records() {
        return list(send("GET", "/records", null, 200), DnsJson::record);
    }

    @Override
    public ZoneRecord putRecord(ZoneRecord record) {
        ObjectNode body = recordBody(record.addresses()).put("ttlSeconds", record.ttl().toSeconds());
        return DnsJson.record(send("PUT", "/records/" + encode(record.name()), body, 200));
    }

    @Override
    public ZoneRecord putRecord(String name, List<Inet4Address> addresses) {
        return DnsJson.record(send("PUT", "/records/" + encode(name), recordBody(addresses), 200));
    }

    @Override
    public boolean removeRecord(String name) {
        return sendOrAbsent("DELETE", "/records/" + encode(name), null, 204).isPresent();
    }

    @Override
    public Optional<ZoneRecord> record(String name) {
        return sendOrAbsent("GET", "/records/" + encode(name), null, 200).map(DnsJson::record);
    }

    @Override
    public List<QueryLogEntry> queries(QueryFilter filter) {
        StringBuilder path = new StringBuilder("/queries?limit=").append(filter.limit());
        if (filter.name() != null) {
            path.append("&name=").append(encode(filter.name()));
        }
        if (filter.since() != null) {
            path.append("&since=").append(encode(filter.since().toString()));
        }
        return list(send("GET", path.toString(), null, 200), DnsJson::entry);
    }

    @Override
    public QueryCounts queryCounts() {
        return DnsJson.counts(send("GET", "/queries/counts", null, 200));
    }

    @Override
    public DnsServerStatus status() {
        return DnsJson.status(send("GET", "/health", null, 200));
    }

    private static ObjectNode recordBody(List<Inet4Address> addresses) {
        ObjectNode body = DnsJson.object();
        ArrayNode array = body.putArray("addresses");
        addresses.forEach(a -> array.add(DnsNames.text(a)));
        return body;
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) {
        return exchange(method, path, body, expected, false).orElseThrow();
    }

    /** Empty on 404 for an unknown fault or record; other unexpected statuses throw. */
    private Optional<JsonNode> sendOrAbsent(String method, String path, JsonNode body, int expected) {
        return exchange(method, path, body, expected, true);
    }

    private Optional<JsonNode> exchange(String method, String path, JsonNode body, int expected, boolean absentIsAnswer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw new DnsFaultClientException(ControlCalls.timedOut("DNS fault server's control API", base.toString(),
                        method + " " + path, timeout, e).getMessage(), 0, null, e);
            }
            throw new DnsFaultClientException("DNS fault server at [" + base + "] is not reachable (" + e
                    + "); start it (DnsFaultServerMain or ./chaos stack up) or check its control address", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsFaultClientException("interrupted during " + method + " " + path, 0, null, e);
        }
        int status = response.statusCode();
        if (status == expected) {
            return Optional.of(parse(response.body()));
        }
        String error = errorText(response.body());
        if (status == 404 && absentIsAnswer && !error.startsWith("no endpoint")) {
            return Optional.empty();
        }
        throw new DnsFaultClientException(method + " " + path + " failed with " + status + ": " + error, status, error, null);
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty()) {
            return DnsJson.object();
        }
        try {
            return DnsJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new DnsFaultClientException("the DNS fault server answered something that is not JSON: " + text, 0, null, e);
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode json = DnsJson.MAPPER.readTree(body);
            return json.hasNonNull("error") ? json.get("error").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(reader.apply(node)));
        return List.copyOf(items);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DnsFaultClient[" + base + "]";
    }
}
