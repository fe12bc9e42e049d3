package io.exchangechaos.stack.common;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes JSON answers; errors always carry a message saying what was wrong. */
public final class HttpResponses {
    private HttpResponses() {
    }

    /**
     * The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise; a response written as headers then
     * body then waits for the client's delayed ACK — tens of milliseconds per request. Call before creating any
     * server.
     */
    public static void tcpNoDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static void json(HttpExchange ex, int status, Object body) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
            ex.close();
        }
    }

    public static void error(HttpExchange ex, int status, String message) {
        json(ex, status, Map.of("error", message, "status", status));
    }

    public static void error(HttpExchange ex, int status, String message, String field) {
        json(ex, status, Map.of("error", message, "status", status, "field", field));
    }
}
