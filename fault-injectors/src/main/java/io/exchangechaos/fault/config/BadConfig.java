package io.exchangechaos.fault.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A catalogue of bad configs, each built from a good one so that only the defect differs. Each replays how a real
 * bad push broke a real control plane.
 */
public enum BadConfig {
    /** Truncated JSON: the push a crashed generator uploads. */
    MALFORMED("truncated JSON that does not parse") {
        @Override
        String build(ObjectNode good, String goodText) {
            return goodText.substring(0, goodText.length() / 2);
        }
    },
    /** Parses, but says nonsense: a price band of 0 % on every symbol and a symbol the engine does not trade. */
    SEMANTIC("priceBandPercent 0 on every symbol and an unknown symbol DOGE-USD") {
        @Override
        String build(ObjectNode good, String goodText) {
            ArrayNode symbols = good.withArray("/symbols");
            for (JsonNode s : symbols) {
                ((ObjectNode) s).put("priceBandPercent", 0);
            }
            symbols.addObject().put("symbol", "DOGE-USD").put("referencePrice", 1).put("priceBandPercent", 0)
                .put("maxQuantity", 1000);
            return write(good);
        }
    },
    /** The feature table doubled past the 200 slots gateways preallocate (Cloudflare, 2025-11-18). */
    OVERSIZED("the features array grown to " + BadConfig.OVERSIZED_FEATURES + " entries (gateways preallocate 200)") {
        @Override
        String build(ObjectNode good, String goodText) {
            ArrayNode features = good.withArray("/features");
            for (int i = features.size() + 1; features.size() < OVERSIZED_FEATURES; i++) {
                features.addObject().put("name", String.format(Locale.ROOT, "feature-%03d", i))
                    .put("weight", (i * 37 % 100) / 100.0);
            }
            return write(good);
        }
    },
    /** Passes validation, then breaks the order path about 5 s after loading (Azure Front Door, 2025-10-29). */
    LATENT("metadataFormat 2: valid, breaks the order path about 5 s after loading") {
        @Override
        String build(ObjectNode good, String goodText) {
            good.put("metadataFormat", 2);
            return write(good);
        }
    };

    public static final int OVERSIZED_FEATURES = 400;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String description;

    BadConfig(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** This defect applied to {@code goodConfig}, a JSON object such as {@code GET /config} answers. */
    public String from(String goodConfig) {
        JsonNode node;
        try {
            node = MAPPER.readTree(goodConfig);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the good config does not parse (" + e.getOriginalMessage()
                + "); a bad config is built from a good one, so fix or roll back the current config first", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the good config is not a JSON object; expected {\"symbols\": [...], ...}");
        }
        return build(object, goodConfig);
    }

    abstract String build(ObjectNode good, String goodText);

    private static String write(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
