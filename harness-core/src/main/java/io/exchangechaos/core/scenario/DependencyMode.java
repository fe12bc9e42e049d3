package io.exchangechaos.core.scenario;

/** How the dependency misbehaves during a dependency fault. */
public enum DependencyMode implements Spelled {
    /** Answers after a fixed delay (needs delay). */
    DELAY("delay"),
    /** Answers after a random delay up to delay (needs delay). */
    RANDOM_DELAY("random-delay"),
    /** Sends the response a byte at a time over delay (needs delay). */
    DRIBBLE("dribble"),
    /** Answers with an HTTP error status (status, default 503). */
    ERROR("error"),
    /** Resets the connection. */
    CONNECTION_RESET("connection-reset"),
    /** Closes the connection without a response. */
    EMPTY_RESPONSE("empty-response"),
    /** Sends a corrupt chunked body. */
    MALFORMED_CHUNK("malformed-chunk");

    private final String id;

    DependencyMode(String id) {
        this.id = id;
    }

    /** As written in scenario files. */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
