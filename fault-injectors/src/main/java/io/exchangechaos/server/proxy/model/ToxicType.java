package io.exchangechaos.server.proxy.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The toxic types Toxiproxy knows, each with the attributes it always carries. */
public enum ToxicType {
    LATENCY("latency", "latency", "jitter"),
    BANDWIDTH("bandwidth", "rate"),
    SLOW_CLOSE("slow_close", "delay"),
    TIMEOUT("timeout", "timeout"),
    RESET_PEER("reset_peer", "timeout"),
    SLICER("slicer", "average_size", "size_variation", "delay"),
    LIMIT_DATA("limit_data", "bytes"),
    NOOP("noop");

    private final String wireName;
    private final List<String> attributeNames;

    ToxicType(String wireName, String... attributeNames) {
        this.wireName = wireName;
        this.attributeNames = List.of(attributeNames);
    }

    /** The name used on the wire, e.g. {@code slow_close}. */
    public String wireName() {
        return wireName;
    }

    /** Every attribute of the type, in the order responses list them. */
    public List<String> attributeNames() {
        return attributeNames;
    }

    /** Exact, case-sensitive match, as Toxiproxy does. */
    public static Optional<ToxicType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
