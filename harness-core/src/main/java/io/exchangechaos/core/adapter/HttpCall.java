package io.exchangechaos.core.adapter;

import java.util.Map;

/** One HTTP request an adapter wants sent to an entrypoint; the load driver adds the base URL. */
public record HttpCall(String method, String path, Map<String, String> headers, String body) {

    public static HttpCall get(String path) {
        return new HttpCall("GET", path, Map.of(), null);
    }

    public static HttpCall json(String method, String path, String body) {
        return new HttpCall(method, path, Map.of("Content-Type", "application/json"), body);
    }
}
