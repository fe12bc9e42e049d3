package io.exchangechaos.core.topology;

import java.util.Objects;

/**
 * How a scenario names its topology: a name from the topologies directory ({@code multi-region}) or a path to a
 * topology file ({@code ../my-exchange.yaml}, resolved against the scenario file's directory).
 */
public record TopologyRef(String spec) {

    public TopologyRef {
        Objects.requireNonNull(spec, "spec");
    }

    public static TopologyRef of(String spec) {
        return new TopologyRef(spec);
    }

    /** True for a name looked up in the topologies directory, false for a path. */
    public boolean isNamed() {
        return !spec.contains("/") && !spec.contains("\\") && !spec.endsWith(".yaml") && !spec.endsWith(".yml");
    }

    @Override
    public String toString() {
        return spec;
    }
}
