package io.exchangechaos.core.scenario;

/** How the harness's DNS server answers for the targeted names during a dns fault. */
public enum DnsMode implements Spelled {
    /** The name does not exist. */
    NXDOMAIN("NXDOMAIN"),
    /** The server failed. */
    SERVFAIL("SERVFAIL"),
    /** NOERROR with no addresses: the name exists, its record is empty. */
    EMPTY("EMPTY"),
    /** No answer at all; clients time out. */
    DROP("DROP"),
    /** An address where nothing listens. */
    WRONG_ADDRESS("WRONG_ADDRESS"),
    /** The right answer, late (needs latency). */
    LATENCY("LATENCY");

    private final String id;

    DnsMode(String id) {
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
