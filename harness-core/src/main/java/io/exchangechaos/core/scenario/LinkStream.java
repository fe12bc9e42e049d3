package io.exchangechaos.core.scenario;

/** Which direction of a link a latency fault delays. */
public enum LinkStream implements Spelled {
    /** Client to service. */
    UPSTREAM("upstream"),
    /** Service to client. */
    DOWNSTREAM("downstream"),
    /** Both directions. */
    BOTH("both");

    private final String id;

    LinkStream(String id) {
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
