package io.exchangechaos.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The staged exchange's REST/JSON order protocol: the built-in default adapter. */
public final class StagedRestAdapter implements ExchangeAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");
    private static final Map<String, Long> REFERENCE_PRICES = Map.of("BTC-USD", 50_000L, "ETH-USD", 3_000L);

    /** Made on first use: an adapter is also instantiated only to be named or to check a scenario's symbols. */
    private HttpClient http;

    @Override
    public String name() {
        return Adapters.DEFAULT;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        }
        return http;
    }

    @Override
    public Optional<String> checkSymbol(String symbol) {
        return SYMBOL.matcher(symbol).matches() ? Optional.empty()
            : Optional.of("not a symbol; write BASE-QUOTE in capitals, e.g. BTC-USD");
    }

    /** Its {@code GET /orders/ID} and {@code GET /state} (orders with their client ids, trades, totals, digest) give all. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public HttpCall request(OrderIntent intent) {
        if (intent.isCancel()) {
            return new HttpCall("DELETE", "/orders/" + URLEncoder.encode(intent.clientOrderId(), StandardCharsets.UTF_8)
                + "?account=" + intent.account(), Map.of(), null);
        }
        ObjectNode body = JSON.createObjectNode()
            .put("account", intent.account())
            .put("clientOrderId", intent.clientOrderId())
            .put("symbol", intent.symbol())
            .put("side", intent.side().name())
            .put("type", intent.kind().name())
            .put("quantity", intent.quantity());
        if (intent.kind() == OrderIntent.Kind.LIMIT) {
            body.put("price", intent.price());
        }
        return HttpCall.json("POST", "/orders", body.toString());
    }

    @Override
    public Answer classify(OrderIntent intent, int status, String body) {
        JsonNode json = parse(body);
        String state = json.path("order").path("status").asText(null);
        String detail = status + " " + firstNonBlank(json.path("reason").asText(null), json.path("error").asText(null),
            json.path("status").asText(null));
        return switch (status) {
            case 200 -> new Answer(Answer.Kind.ACKNOWLEDGED, false, state, detail);
            // a cancel of an order that is no longer open is still a definite answer
            case 409 -> new Answer(intent.isCancel() ? Answer.Kind.ACKNOWLEDGED : Answer.Kind.REJECTED, false, state, detail);
            case 400, 404, 422, 429 -> new Answer(Answer.Kind.REJECTED, false, state, detail);
            // a gateway shedding load says when to come back: nothing was done, and trying another gateway at once
            // would only add to the load that all of them share
            case 503 -> new Answer(Answer.Kind.FAILED, !json.has("retryAfter"), null, detail);
            case 500 -> new Answer(Answer.Kind.FAILED, true, null, detail);
            default -> new Answer(Answer.Kind.UNKNOWN, true, null, detail);
        };
    }

    @Override
    public Optional<OrderRecord> query(URI entrypoint, String clientOrderId, Duration timeout) throws IOException {
        HttpResponse<String> r = get(entrypoint.resolve("/orders/" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8)), timeout);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("query of [" + clientOrderId + "] answered " + r.statusCode() + ": " + r.body());
        }
        return Optional.of(order(JSON.readTree(r.body())));
    }

    @Override
    public ReplicaState readState(URI replica, Duration timeout) throws IOException {
        HttpResponse<String> r = get(replica.resolve("/state"), timeout);
        if (r.statusCode() != 200) {
            throw new IOException("state of " + replica + " answered " + r.statusCode());
        }
        JsonNode n = JSON.readTree(r.body());
        List<OrderRecord> orders = new ArrayList<>();
        n.path("orders").forEach(o -> orders.add(order(o)));
        List<TradeRecord> trades = new ArrayList<>();
        n.path("trades").forEach(t -> trades.add(new TradeRecord(t.path("tradeId").asText(), t.path("symbol").asText(),
            t.path("price").asLong(), t.path("quantity").asLong(), t.path("buyClientOrderId").asText(),
            t.path("sellClientOrderId").asText())));
        Map<String, Long> totals = new TreeMap<>();
        n.path("totals").fields().forEachRemaining(e -> totals.put(e.getKey(), e.getValue().asLong()));
        return new ReplicaState(n.path("replica").asText(), n.path("appliedIndex").asLong(-1),
            n.path("digest").asText(null), orders, trades, totals);
    }

    private static OrderRecord order(JsonNode o) {
        String state = o.path("status").asText();
        return new OrderRecord(o.path("clientOrderId").asText(), o.path("account").asLong(), o.path("symbol").asText(),
            o.path("side").asText(), o.path("quantity").asLong(), o.path("filled").asLong(), state,
            state.equals("NEW") || state.equals("PARTIALLY_FILLED"), state.equals("REJECTED"));
    }

    private HttpResponse<String> get(URI uri, Duration timeout) throws IOException {
        try {
            return http().send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + uri, e);
        }
    }

    @Override
    public long referencePrice(String symbol) {
        Long p = REFERENCE_PRICES.get(symbol);
        if (p == null) {
            throw new IllegalArgumentException("the staged exchange does not trade [" + symbol + "]; use one of "
                + REFERENCE_PRICES.keySet());
        }
        return p;
    }

    @Override
    public List<String> defaultSymbols() {
        return List.of("BTC-USD", "ETH-USD");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
