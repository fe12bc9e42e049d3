package io.exchangechaos.server.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.server.proxy.ApiException;
import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.model.ToxicStream;
import io.exchangechaos.server.proxy.model.ToxicType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies the way Toxiproxy's Go decoder does: absent or null fields keep their
 * default, a field of the wrong JSON type is a {@code bad request body}.
 */
final class JsonBodies {
    /** Go binds an empty listen address to every interface; loopback is the safer default here. */
    static final String DEFAULT_LISTEN = "127.0.0.1:0";

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JsonNode parse(byte[] body) {
        if (body.length == 0 || new String(body).isBlank()) {
            throw ApiException.badRequestBody("EOF");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequestBody(e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequestBody(e.getMessage());
        }
    }

    /** Body of POST /proxies; {@code enabled} defaults to true. */
    ProxySpec newProxy(JsonNode node, String location) {
        requireObject(node, "proxy");
        String name = text(node, "name", "");
        String listen = text(node, "listen", "");
        String upstream = text(node, "upstream", "");
        boolean enabled = bool(node, "enabled", true);
        if (name.isEmpty()) {
            throw ApiException.missingField("name" + location);
        }
        if (upstream.isEmpty()) {
            throw ApiException.missingField("upstream" + location);
        }
        return new ProxySpec(name, listen.isEmpty() ? DEFAULT_LISTEN : listen, upstream, enabled);
    }

    /** Body of POST /populate: every entry is checked before any is applied. */
    List<ProxySpec> population(JsonNode node) {
        if (!node.isArray()) {
            throw ApiException.badRequestBody("json: cannot unmarshal " + kind(node) + " into a list of proxies");
        }
        List<ProxySpec> specs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            specs.add(newProxy(node.get(i), " at proxy " + (i + 1)));
        }
        return specs;
    }

    /** Body of POST /proxies/{proxy}: only the fields present change. */
    ProxySpec proxyUpdate(JsonNode node, ProxySpec current) {
        requireObject(node, "proxy");
        return new ProxySpec(current.name(),
                text(node, "listen", current.listen()),
                text(node, "upstream", current.upstream()),
                bool(node, "enabled", current.enabled()));
    }

    /** The top-level fields of POST /proxies/{proxy}/toxics, decoded before any check. */
    record ToxicDraft(String name, String type, String stream, float toxicity, JsonNode attributes) {
    }

    ToxicDraft toxicDraft(JsonNode node) {
        requireObject(node, "toxic");
        return new ToxicDraft(
                text(node, "name", ""),
                text(node, "type", ""),
                text(node, "stream", "downstream"),
                toxicity(node, 1.0f),
                node.get("attributes"));
    }

    /** Body of POST /proxies/{proxy}/toxics/{toxic}: attributes merged, toxicity if given. */
    Toxic toxicUpdate(JsonNode node, Toxic current) {
        requireObject(node, "toxic");
        Toxic updated = current.withAttributes(attributes(current.type(), node.get("attributes")));
        return updated.withToxicity(toxicity(node, current.toxicity()));
    }

    /** The attributes given for the type; others are ignored, as Toxiproxy does. */
    Map<String, Long> attributes(ToxicType type, JsonNode node) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw ApiException.badRequestBody("json: cannot unmarshal " + kind(node) + " into attributes");
        }
        for (String attribute : type.attributeNames()) {
            JsonNode value = node.get(attribute);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw ApiException.badRequestBody("json: cannot unmarshal " + kind(value) + " " + value
                        + " into attribute " + attribute + " of type int64");
            }
            values.put(attribute, value.longValue());
        }
        return values;
    }

    static ToxicStream direction(String stream) {
        return ToxicStream.parse(stream).orElseThrow(() ->
                new ApiException(400, "stream was invalid, can be either upstream or downstream"));
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequestBody("json: cannot unmarshal " + kind(node) + " into a " + what);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequestBody("json: cannot unmarshal " + kind(value) + " into field " + field + " of type string");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequestBody("json: cannot unmarshal " + kind(value) + " into field " + field + " of type bool");
        }
        return value.booleanValue();
    }

    private static float toxicity(JsonNode node, float fallback) {
        JsonNode value = node.get("toxicity");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || Float.isInfinite(value.floatValue())) {
            String what = value.isNumber() ? "number " + value : kind(value);
            throw ApiException.badRequestBody("json: cannot unmarshal " + what + " into field toxicity of type float32");
        }
        return value.floatValue();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.getNodeType().name().toLowerCase();
    }
}
