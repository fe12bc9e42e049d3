package io.exchangechaos.core.backend;

import java.util.List;

/**
 * How a stack runs: on local processes, in containers, and so on. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.exchangechaos.core.backend.Backend}, see {@link Backends}); the harness core starts a
 * stack only through this.
 */
public interface Backend {

    /** As given to {@code --backend}: {@code local}, {@code docker}. */
    String name();

    /**
     * Starts the topology's services, its proxies and its DNS, and returns once every service is healthy. Anything it
     * starts that could outlive a crash of this process is recorded through {@code request.recorder()} first.
     *
     * @throws StackStartException when something does not start or get healthy in time; whatever did start is stopped
     */
    Stack start(StackRequest request);

    /**
     * Removes what runs of this backend that are no longer alive left behind (containers, networks), or with
     * {@code all} what every run left, live or not; one line per thing removed. Nothing by default.
     */
    default List<String> sweepLeftovers(boolean all) {
        return List.of();
    }
}
