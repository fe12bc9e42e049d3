package io.exchangechaos.stack.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers; errors always carry a message saying what was wrong. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            status = 500;
            bytes = ("{\"error\":\"answer did not serialise\",\"status\":500}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        bytes(response, callback, status, "application/json", bytes);
    }

    public static void bytes(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message, "status", status));
    }

    public static void error(Response response, Callback callback, int status, String message, String field) {
        json(response, callback, status, Map.of("error", message, "status", status, "field", field));
    }

    /** Tells the client when to come back, for answers that shed load (429, 503). */
    public static void retryAfter(Response response, int seconds) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(seconds));
    }
}
