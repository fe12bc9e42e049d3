package io.exchangechaos.stack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.config.ExchangeConfig;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderType;
import io.exchangechaos.stack.matching.Side;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a request body into a command, or says exactly which field is wrong and how to fix it. */
final class OrderRequest {
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Set<String> FIELDS = Set.of("account", "clientOrderId", "symbol", "side", "type", "price", "quantity");

    private OrderRequest() {
    }

    static final class Invalid extends Exception {
        final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static Command.Place parse(byte[] body, ExchangeConfig config) throws Invalid {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Invalid("body", "malformed JSON: " + e.getMessage().lines().findFirst().orElse("") + "; send one JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new Invalid("body", "expected a JSON object with " + FIELDS);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new Invalid(f, "unknown field [" + f + "]; known fields: " + FIELDS);
            }
        }
        long account = integer(n, "account");
        String clientOrderId = text(n, "clientOrderId");
        String symbol = text(n, "symbol");
        Side side = enumValue(n, "side", Side.class);
        OrderType type = n.has("type") ? enumValue(n, "type", OrderType.class) : OrderType.LIMIT;
        long quantity = integer(n, "quantity");
        Long price = type == OrderType.MARKET && !n.has("price") ? null : integer(n, "price");
        return order(account, clientOrderId, symbol, side, type, price, quantity, config);
    }

    /**
     * The checks every order passes, whichever protocol it came in on; {@link Invalid#field} names the field as the
     * REST API spells it.
     *
     * @param price null for a market order
     */
    static Command.Place order(long account, String clientOrderId, String symbol, Side side, OrderType type, Long price,
                               long quantity, ExchangeConfig config) throws Invalid {
        if (account < 1 || account > config.accounts()) {
            throw new Invalid("account", "unknown account [" + account + "]; accounts are 1.." + config.accounts());
        }
        if (clientOrderId.length() > 64 || !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw new Invalid("clientOrderId", "clientOrderId [" + clientOrderId + "] must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        ExchangeConfig.SymbolRule rule = config.symbol(symbol).orElseThrow(() ->
            new Invalid("symbol", "unknown symbol [" + symbol + "]; traded: "
                + config.symbols().stream().map(ExchangeConfig.SymbolRule::symbol).toList()));
        if (quantity <= 0) {
            throw new Invalid("quantity", "quantity [" + quantity + "] must be positive");
        }
        if (quantity > rule.maxQuantity()) {
            throw new Invalid("quantity", "quantity [" + quantity + "] is over the limit of " + rule.maxQuantity() + " for " + symbol);
        }
        long limit;
        if (type == OrderType.MARKET) {
            if (price != null) {
                throw new Invalid("price", "a MARKET order takes no price; remove it or send a LIMIT order");
            }
            // market orders execute up to the edge of the band and never rest
            limit = side == Side.BUY ? rule.bandHigh() : rule.bandLow();
        } else {
            if (price == null) {
                throw new Invalid("price", "missing field [price]");
            }
            limit = price;
            if (limit < rule.bandLow() || limit > rule.bandHigh()) {
                throw new Invalid("price", "price [" + limit + "] is outside the band [" + rule.bandLow() + ", "
                    + rule.bandHigh() + "] for " + symbol);
            }
        }
        return new Command.Place(account, clientOrderId, symbol, side, type, limit, quantity);
    }

    private static JsonNode field(JsonNode n, String name) throws Invalid {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new Invalid(name, "missing field [" + name + "]");
        }
        return v;
    }

    private static long integer(JsonNode n, String name) throws Invalid {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Invalid(name, name + " [" + v + "] must be a whole number");
        }
        return v.longValue();
    }

    private static String text(JsonNode n, String name) throws Invalid {
        JsonNode v = field(n, name);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new Invalid(name, name + " [" + v + "] must be a non-empty string");
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode n, String name, Class<E> type) throws Invalid {
        String t = text(n, name);
        try {
            return Enum.valueOf(type, t);
        } catch (IllegalArgumentException e) {
            throw new Invalid(name, name + " [" + t + "] must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
