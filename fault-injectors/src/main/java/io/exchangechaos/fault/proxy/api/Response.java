package io.exchangechaos.fault.proxy.api;

import java.nio.charset.StandardCharsets;

/** An API answer: a status and a JSON body, or no body (204). */
record Response(int status, byte[] body) {

    static Response json(int status, String json) {
        return new Response(status, json.getBytes(StandardCharsets.UTF_8));
    }

    static Response noContent() {
        return new Response(204, null);
    }
}
