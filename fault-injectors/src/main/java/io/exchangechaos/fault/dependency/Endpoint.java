package io.exchangechaos.fault.dependency;

import java.util.Locale;
import java.util.Objects;

/** One endpoint of a dependency: an HTTP method and an exact URL path, e.g. {@code POST /credit-check}. */
public record Endpoint(String method, String path) {
    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("endpoint path [" + path + "] must start with '/', e.g. /credit-check");
        }
    }

    public static Endpoint post(String path) {
        return new Endpoint("POST", path);
    }

    public static Endpoint get(String path) {
        return new Endpoint("GET", path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
