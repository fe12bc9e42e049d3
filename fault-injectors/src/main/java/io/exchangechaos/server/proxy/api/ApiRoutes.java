package io.exchangechaos.server.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.server.proxy.ApiException;
import io.exchangechaos.server.proxy.ProxyRegistry;
import io.exchangechaos.server.proxy.ProxyRegistry.PopulateResult;
import io.exchangechaos.server.proxy.ProxyView;
import io.exchangechaos.server.proxy.model.ToxicStream;
import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.model.ToxicType;

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

    /**
     * Finds the route of {@code method} and {@code path} (decoded, clean), as Toxiproxy's router does before any
     * middleware: an unknown path is {@link Route#NOT_FOUND}, a known path with another method
     * {@link Route#METHOD_NOT_ALLOWED}.
     */
    Route route(String method, String path) {
        List<String> segments = segments(path);
        int n = segments.size();
        String first = n > 0 ? segments.get(0) : "";
        if (n == 1 && first.equals("version")) {
            return allow(method, Set.of("GET"), body -> ApiAnswer.version(version));
        }
        if (n == 1 && first.equals("reset")) {
            return allow(method, Set.of("POST"), body -> {
                registry.reset();
                return ApiAnswer.noContent();
            });
        }
        if (n == 1 && first.equals("populate")) {
            return allow(method, Set.of("POST"), new Populate());
        }
        if (n >= 1 && first.equals("proxies") && segments.stream().noneMatch(String::isEmpty)) {
            switch (n) {
                case 1:
                    return allow(method, Set.of("GET", "POST"), body -> proxies(method, body));
                case 2:
                    return allow(method, Set.of("GET", "POST", "PATCH", "DELETE"),
                        body -> proxy(method, segments.get(1), body));
                case 3:
                    if (segments.get(2).equals("toxics")) {
                        return allow(method, Set.of("GET", "POST"), body -> toxics(method, segments.get(1), body));
                    }
                    break;
                case 4:
                    if (segments.get(2).equals("toxics")) {
                        return allow(method, Set.of("GET", "POST", "PATCH", "DELETE"),
                            body -> toxic(method, segments.get(1), segments.get(3), body));
                    }
                    break;
                default:
                    break;
            }
        }
        return Route.NOT_FOUND;
    }

    /** An API call: answers, or throws {@link ApiException} for the error answer. */
    @FunctionalInterface
    interface Action {
        ApiAnswer run(byte[] body);

        /** How the action's errors are answered. */
        default ApiAnswer error(JsonViews views, ApiException error) {
            return views.error(error);
        }
    }

    /** What the router made of a request: an action, or the router's own answer. */
    record Route(Action action, ApiAnswer answer) {
        /** Go's {@code http.NotFound}. */
        static final Route NOT_FOUND = new Route(null, ApiAnswer.plainError(404, "404 page not found"));
        /** gorilla/mux's answer to a known path with another method: the status and nothing else. */
        static final Route METHOD_NOT_ALLOWED = new Route(null, ApiAnswer.empty(405));

        boolean found() {
            return action != null;
        }
    }

    private static Route allow(String method, Set<String> allowed, Action action) {
        return allowed.contains(method) ? new Route(action, null) : Route.METHOD_NOT_ALLOWED;
    }

    private ApiAnswer proxies(String method, byte[] body) {
        if (method.equals("GET")) {
            return views.ok(200, views.proxies(registry.list()));
        }
        ProxySpec spec = bodies.newProxy(bodies.parse(body), "");
        return views.ok(201, views.proxy(registry.create(spec)));
    }

    private ApiAnswer proxy(String method, String name, byte[] body) {
        switch (method) {
            case "GET":
                return views.ok(200, views.proxy(registry.get(name)));
            case "DELETE":
                registry.delete(name);
                return ApiAnswer.noContent();
            default:
                registry.get(name); // 404 comes before a bad body
                JsonNode node = bodies.parse(body);
                ProxyView updated = registry.update(name, current -> bodies.proxyUpdate(node, current));
                return views.ok(200, views.proxy(updated));
        }
    }

    private ApiAnswer toxics(String method, String proxyName, byte[] body) {
        if (method.equals("GET")) {
            return views.ok(200, views.toxics(registry.toxics(proxyName)));
        }
        registry.get(proxyName);
        JsonBodies.ToxicDraft draft = bodies.toxicDraft(bodies.parse(body));
        ToxicStream direction = JsonBodies.direction(draft.stream());
        String name = draft.name().isEmpty() ? draft.type() + "_" + direction.wireName() : draft.name();
        ToxicType type = ToxicType.fromWireName(draft.type())
                .orElseThrow(() -> new ApiException(400, "invalid toxic type"));
        if (registry.hasToxic(proxyName, name)) {
            throw new ApiException(409, "toxic already exists");
        }
        Toxic toxic = new Toxic(name, type, direction, draft.toxicity(), bodies.attributes(type, draft.attributes()));
        return views.ok(200, views.toxic(registry.addToxic(proxyName, toxic)));
    }

    private ApiAnswer toxic(String method, String proxyName, String toxicName, byte[] body) {
        switch (method) {
            case "GET":
                return views.ok(200, views.toxic(registry.toxic(proxyName, toxicName)));
            case "DELETE":
                registry.removeToxic(proxyName, toxicName);
                return ApiAnswer.noContent();
            default:
                registry.toxic(proxyName, toxicName); // 404s come before a bad body
                JsonNode node = bodies.parse(body);
                Toxic updated = registry.updateToxic(proxyName, toxicName, current -> bodies.toxicUpdate(node, current));
                return views.ok(200, views.toxic(updated));
        }
    }

    /**
     * {@code POST /populate} writes its own errors: JSON with the proxies applied before the error, {@code null} when
     * the body did not validate (so nothing was).
     */
    private final class Populate implements Action {
        @Override
        public ApiAnswer run(byte[] body) {
            List<ProxySpec> specs = bodies.population(bodies.parse(body));
            PopulateResult result = registry.populate(specs);
            if (result.error().isPresent()) {
                return views.populateError(result.error().get(), result.proxies());
            }
            return views.ok(201, views.populated(result.proxies()));
        }

        @Override
        public ApiAnswer error(JsonViews views, ApiException error) {
            return views.populateError(error, null);
        }
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }
}
