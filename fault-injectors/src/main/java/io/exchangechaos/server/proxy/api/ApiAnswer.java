package io.exchangechaos.server.proxy.api;

import java.nio.charset.StandardCharsets;

/**
 * An API answer in the form Toxiproxy's Go server gives it: a status, a content type (none without a body) and a
 * body, byte for byte.
 */
record ApiAnswer(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";
    /** Go's {@code http.Error} writes every error as plain text, whatever the handler set before. */
    static final String PLAIN = "text/plain; charset=utf-8";

    /** A handler's JSON answer, as {@code json.Marshal} writes it (no trailing newline). */
    static ApiAnswer json(int status, String json) {
        return new ApiAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /version}: its own content type, and a newline. */
    static ApiAnswer version(String version) {
        return new ApiAnswer(200, "application/json;charset=utf-8",
                ("{\"version\": \"" + version + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http.Error(w, text, status)}: plain text with a newline. */
    static ApiAnswer plainError(int status, String text) {
        return new ApiAnswer(status, PLAIN, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static ApiAnswer noContent() {
        return empty(204);
    }

    /** A status with no body and no content type (the router's 405, its 301). */
    static ApiAnswer empty(int status) {
        return new ApiAnswer(status, null, null);
    }

    /** What Go's server sends with a text/plain error: browsers must not guess another type. */
    boolean noSniff() {
        return PLAIN.equals(contentType);
    }
}
