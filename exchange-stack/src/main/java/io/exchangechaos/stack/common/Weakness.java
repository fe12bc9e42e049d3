package io.exchangechaos.stack.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Each weakness switches off exactly one resilience mechanism of the staged exchange. */
public enum Weakness {
    NONE("none"),
    ACK_BEFORE_REPLICATION("ack-before-replication"),
    NO_DNS_CACHE("no-dns-cache"),
    NO_CONFIG_VALIDATION("no-config-validation"),
    NO_DEPENDENCY_TIMEOUT("no-dependency-timeout"),
    NO_CLIENT_FAILOVER("no-client-failover"),
    SHARED_FAILURE_DOMAIN("shared-failure-domain"),
    /** Gateways leave a dropped FIX session's resting orders alone, even when it asked for Cancel-on-Disconnect. */
    NO_CANCEL_ON_DISCONNECT("no-cancel-on-disconnect"),
    /** Gateways keep FIX sequence numbers in memory only: after a restart every session starts again at 1. */
    VOLATILE_FIX_STORE("volatile-fix-store");

    private final String label;

    Weakness(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Weakness parse(String text) {
        for (Weakness w : values()) {
            if (w.label.equals(text)) {
                return w;
            }
        }
        throw new IllegalArgumentException("[" + text + "] is not a weakness; use one of "
            + Arrays.stream(values()).map(Weakness::label).collect(Collectors.joining(", ")));
    }
}
