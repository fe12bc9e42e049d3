package io.exchangechaos.fault.dependency;

import java.util.Locale;
import java.util.Objects;

/** One endpoint of a dependency: an HTTP method and an exact URL path, e.g. {@code POST /credit-check}. */
public record StubEndpoint(String method, String path) {
    public StubEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("endpoint path [" + path + "] must start with '/', e.g. /credit-check");
        }
    }

    public static StubEndpoint post(String path) {
        return new StubEndpoint("POST", path);
    }

    public static StubEndpoint get(String path) {
        return new StubEndpoint("GET", path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
