package io.exchangechaos.server.proxy;

/**
 * An error the control API answers with {@code {"error":message,"status":status}}; messages are
 * Toxiproxy's own wording so clients matching on them keep working.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequestBody(String detail) {
        return new ApiException(400, "bad request body: " + detail);
    }

    public static ApiException missingField(String detail) {
        return new ApiException(400, "missing required field: " + detail);
    }

    public static ApiException proxyNotFound() {
        return new ApiException(404, "proxy not found");
    }

    public static ApiException toxicNotFound() {
        return new ApiException(404, "toxic not found");
    }
}
