package io.exchangechaos.fault.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.fault.proxy.ApiException;
import io.exchangechaos.fault.proxy.ProxyRegistry;
import io.exchangechaos.fault.proxy.ProxyRegistry.PopulateResult;
import io.exchangechaos.fault.proxy.ProxyView;
import io.exchangechaos.fault.proxy.model.Direction;
import io.exchangechaos.fault.proxy.model.ProxySpec;
import io.exchangechaos.fault.proxy.model.Toxic;
import io.exchangechaos.fault.proxy.model.ToxicType;

import java.util.List;
import java.util.Set;

/** Maps method and path to a registry operation, in Toxiproxy's routes and check order. */
final class ApiRoutes {
    private final ProxyRegistry registry;
    private final JsonBodies bodies;
    private final JsonViews views;
    private final String version;

    ApiRoutes(ProxyRegistry registry, ObjectMapper mapper, String version) {
        this.registry = registry;
        this.bodies = new JsonBodies(mapper);
        this.views = new JsonViews(mapper);
        this.version = version;
    }

    JsonViews views() {
        return views;
    }

    Response dispatch(String method, String path, byte[] body) {
        List<String> segments = segments(path);
        int n = segments.size();
        String first = n > 0 ? segments.get(0) : "";
        if (n == 1 && first.equals("version")) {
            allow(method, "GET");
            return Response.json(200, "{\"version\": \"" + version + "\"}\n");
        }
        if (n == 1 && first.equals("reset")) {
            allow(method, "POST");
            registry.reset();
            return Response.noContent();
        }
        if (n == 1 && first.equals("populate")) {
            allow(method, "POST");
            return populate(body);
        }
        if (n >= 1 && first.equals("proxies") && segments.stream().noneMatch(String::isEmpty)) {
            switch (n) {
                case 1:
                    return proxies(method, body);
                case 2:
                    return proxy(method, segments.get(1), body);
                case 3:
                    if (segments.get(2).equals("toxics")) {
                        return toxics(method, segments.get(1), body);
                    }
                    break;
                case 4:
                    if (segments.get(2).equals("toxics")) {
                        return toxic(method, segments.get(1), segments.get(3), body);
                    }
                    break;
                default:
                    break;
            }
        }
        throw new ApiException(404, "page not found");
    }

    private Response proxies(String method, byte[] body) {
        allow(method, "GET", "POST");
        if (method.equals("GET")) {
            return views.ok(200, views.proxies(registry.list()));
        }
        ProxySpec spec = bodies.newProxy(bodies.parse(body), "");
        return views.ok(201, views.proxy(registry.create(spec)));
    }

    private Response proxy(String method, String name, byte[] body) {
        allow(method, "GET", "POST", "PATCH", "DELETE");
        switch (method) {
            case "GET":
                return views.ok(200, views.proxy(registry.get(name)));
            case "DELETE":
                registry.delete(name);
                return Response.noContent();
            default:
                registry.get(name); // 404 comes before a bad body
                JsonNode node = bodies.parse(body);
                ProxyView updated = registry.update(name, current -> bodies.proxyUpdate(node, current));
                return views.ok(200, views.proxy(updated));
        }
    }

    private Response toxics(String method, String proxyName, byte[] body) {
        allow(method, "GET", "POST");
        if (method.equals("GET")) {
            return views.ok(200, views.toxics(registry.toxics(proxyName)));
        }
        registry.get(proxyName);
        JsonBodies.ToxicDraft draft = bodies.toxicDraft(bodies.parse(body));
        Direction direction = JsonBodies.direction(draft.stream());
        String name = draft.name().isEmpty() ? draft.type() + "_" + direction.wireName() : draft.name();
        ToxicType type = ToxicType.fromWireName(draft.type())
                .orElseThrow(() -> new ApiException(400, "invalid toxic type"));
        if (registry.hasToxic(proxyName, name)) {
            throw new ApiException(409, "toxic already exists");
        }
        Toxic toxic = new Toxic(name, type, direction, draft.toxicity(), bodies.attributes(type, draft.attributes()));
        return views.ok(200, views.toxic(registry.addToxic(proxyName, toxic)));
    }

    private Response toxic(String method, String proxyName, String toxicName, byte[] body) {
        allow(method, "GET", "POST", "PATCH", "DELETE");
        switch (method) {
            case "GET":
                return views.ok(200, views.toxic(registry.toxic(proxyName, toxicName)));
            case "DELETE":
                registry.removeToxic(proxyName, toxicName);
                return Response.noContent();
            default:
                registry.toxic(proxyName, toxicName); // 404s come before a bad body
                JsonNode node = bodies.parse(body);
                Toxic updated = registry.updateToxic(proxyName, toxicName, current -> bodies.toxicUpdate(node, current));
                return views.ok(200, views.toxic(updated));
        }
    }

    private Response populate(byte[] body) {
        List<ProxySpec> specs = bodies.population(bodies.parse(body));
        PopulateResult result = registry.populate(specs);
        if (result.error().isPresent()) {
            // like Toxiproxy: the error, plus the proxies applied before it
            ApiException error = result.error().get();
            ObjectNode node = views.errorBody(error);
            node.set("proxies", views.proxyArray(result.proxies()));
            return views.errorWith(error, node);
        }
        return views.ok(201, views.populated(result.proxies()));
    }

    private static void allow(String method, String... allowed) {
        if (!Set.of(allowed).contains(method)) {
            throw new ApiException(405, "method not allowed");
        }
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }
}
