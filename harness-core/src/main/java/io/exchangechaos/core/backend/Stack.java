package io.exchangechaos.core.backend;

import io.exchangechaos.core.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** A running exchange as the harness drives it, whatever backend started it. */
public interface Stack extends AutoCloseable {

    Topology topology();

    /** The name of the {@link Backend} that started it. */
    String backend();

    /** Client-facing addresses, in the topology's order of preference. */
    List<URI> entrypoints();

    /** Direct addresses of every engine replica, for reconciliation (never through a proxy). */
    List<URI> replicas();

    /** A service's own address, not through its proxy. */
    URI serviceUrl(String service);

    /** The engine service leading now, if any does. */
    Optional<String> leaderService();

    /**
     * What an injector needs of this backend, typed by the injector's module (its processes, its proxies' APIs, its
     * containers): {@code stack.facet(ProcessTable.class)}; empty when this backend has no such thing. By default the
     * stack itself, when it is one.
     */
    default <T> Optional<T> facet(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    void close();
}
