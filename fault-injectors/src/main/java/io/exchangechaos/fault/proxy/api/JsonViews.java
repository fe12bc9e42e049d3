package io.exchangechaos.fault.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.fault.proxy.ApiException;
import io.exchangechaos.fault.proxy.ProxyView;
import io.exchangechaos.fault.proxy.model.ProxySpec;
import io.exchangechaos.fault.proxy.model.Toxic;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes proxies, toxics and errors in Toxiproxy's JSON shapes. */
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

    ObjectNode toxic(Toxic toxic) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", toxic.name());
        node.put("type", toxic.type().wireName());
        node.put("stream", toxic.stream().wireName());
        node.put("toxicity", toxic.toxicity());
        ObjectNode attributes = node.putObject("attributes");
        toxic.attributes().forEach(attributes::put);
        return node;
    }

    ObjectNode errorBody(ApiException error) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", error.getMessage());
        node.put("status", error.status());
        return node;
    }

    Response ok(int status, Object node) {
        return Response.json(status, write(node));
    }

    /** Toxiproxy terminates error bodies with a newline. */
    Response error(ApiException error) {
        return errorWith(error, errorBody(error));
    }

    Response errorWith(ApiException error, ObjectNode body) {
        return Response.json(error.status(), write(body) + "\n");
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
