package io.exchangechaos.core.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a service is to the harness: which faults and lookups apply to it. */
public enum ServiceKind {
    /** A matching-engine replica; one of them leads. */
    ENGINE("engine"),
    /** Order entry: the load client talks to gateways. */
    GATEWAY("gateway"),
    /** The configuration service gateways read from; target of config pushes. */
    CONFIG("config"),
    /** An external dependency the gateways call (e.g. a credit check); target of dependency faults. */
    DEPENDENCY("dependency");

    private final String id;

    ServiceKind(String id) {
        this.id = id;
    }

    /** As written in topology files. */
    public String id() {
        return id;
    }

    /** How a group of services of this kind is named in a link's {@code from}: {@code engines}, {@code gateways}. */
    public String group() {
        return this == DEPENDENCY ? "dependencies" : id + "s";
    }

    public static Optional<ServiceKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ServiceKind::id).toList();
    }
}
