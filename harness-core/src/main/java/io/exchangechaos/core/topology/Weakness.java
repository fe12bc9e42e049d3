package io.exchangechaos.core.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One resilience mechanism of the staged exchange switched off, so a scenario can show the harness catches its
 * absence. Passed to every process as {@code --weakness}; {@link #SHARED_FAILURE_DOMAIN} also changes the topology.
 */
public enum Weakness {
    NONE("none"),
    ACK_BEFORE_REPLICATION("ack-before-replication"),
    NO_DNS_CACHE("no-dns-cache"),
    NO_CONFIG_VALIDATION("no-config-validation"),
    NO_DEPENDENCY_TIMEOUT("no-dependency-timeout"),
    NO_CLIENT_FAILOVER("no-client-failover"),
    SHARED_FAILURE_DOMAIN("shared-failure-domain");

    private final String id;

    Weakness(String id) {
        this.id = id;
    }

    /** As written in scenario and topology files and on the command line. */
    public String id() {
        return id;
    }

    public static Optional<Weakness> fromId(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Weakness::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
