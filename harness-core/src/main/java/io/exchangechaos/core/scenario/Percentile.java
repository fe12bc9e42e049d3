package io.exchangechaos.core.scenario;

/** Which latency a budget bounds. */
public enum Percentile implements Spelled {
    /** The median. */
    P50("p50"),
    /** 90th percentile. */
    P90("p90"),
    /** 99th percentile. */
    P99("p99"),
    /** 99.9th percentile. */
    P999("p999"),
    /** The slowest operation. */
    MAX("max");

    private final String id;

    Percentile(String id) {
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
