package io.exchangechaos.server.dns;

/** A control API call failed: the server said no ({@link #status()} > 0) or could not be reached (status 0). */
public class DnsFaultClientException extends RuntimeException {

    private final int status;
    private final String serverError;

    DnsFaultClientException(String message, int status, String serverError, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.serverError = serverError;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The server's own {@code error} text, or null when there was no answer. */
    public String serverError() {
        return serverError;
    }
}
