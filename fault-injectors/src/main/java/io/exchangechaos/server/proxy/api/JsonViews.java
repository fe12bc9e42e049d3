package io.exchangechaos.server.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.exchangechaos.server.proxy.ApiException;
import io.exchangechaos.server.proxy.ProxyView;
import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.model.Toxic;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes proxies, toxics and errors in Toxiproxy's JSON shapes, byte for byte as its Go server does. */
final class JsonViews {
    private final ObjectMapper mapper;

    JsonViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode proxy(ProxyView view) {
        ProxySpec spec = view.spec();
        ObjectNode node = mapper.createObjectNode();
        node.put("name", spec.name());
        node.put("listen", spec.listen());
        node.put("upstream", spec.upstream());
        node.put("enabled", spec.enabled());
        node.set("toxics", toxics(view.toxics()));
        return node;
    }

    ObjectNode proxies(Map<String, ProxyView> views) {
        ObjectNode node = mapper.createObjectNode();
        views.forEach((name, view) -> node.set(name, proxy(view)));
        return node;
    }

    ArrayNode proxyArray(Collection<ProxyView> views) {
        ArrayNode array = mapper.createArrayNode();
        views.forEach(v -> array.add(proxy(v)));
        return array;
    }

    ObjectNode populated(Collection<ProxyView> views) {
        ObjectNode node = mapper.createObjectNode();
        node.set("proxies", proxyArray(views));
        return node;
    }

    ArrayNode toxics(List<Toxic> toxics) {
        ArrayNode array = mapper.createArrayNode();
        toxics.forEach(t -> array.add(toxic(t)));
        return array;
    }

    /** Go's toxic wrapper lists its embedded attributes first, and writes a float32 1.0 as {@code 1}. */
    ObjectNode toxic(Toxic toxic) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode attributes = node.putObject("attributes");
        toxic.attributes().forEach(attributes::put);
        node.put("name", toxic.name());
        node.put("type", toxic.type().wireName());
        node.put("stream", toxic.stream().wireName());
        node.putRawValue("toxicity", new RawValue(GoJson.float32(toxic.toxicity())));
        return node;
    }

    ObjectNode errorBody(ApiException error) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", error.getMessage());
        node.put("status", error.status());
        return node;
    }

    ApiAnswer ok(int status, Object node) {
        return ApiAnswer.json(status, write(node));
    }

    /** Toxiproxy's {@code apiError}: the JSON, sent by {@code http.Error} as plain text with a newline. */
    ApiAnswer error(ApiException error) {
        return ApiAnswer.plainError(error.status(), write(errorBody(error)));
    }

    /**
     * An error of {@code POST /populate}, written by the handler itself: JSON, no newline, with the proxies applied
     * before it ({@code null} when none was, e.g. the body did not validate).
     */
    ApiAnswer populateError(ApiException error, Collection<ProxyView> applied) {
        ObjectNode node = errorBody(error);
        if (applied == null) {
            node.putNull("proxies");
        } else {
            node.set("proxies", proxyArray(applied));
        }
        return ApiAnswer.json(error.status(), write(node));
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
