package io.exchangechaos.fault.process;

/**
 * A stack's service processes, as process faults need them: the facet a local-process backend's stack offers
 * ({@code stack.facet(ProcessTable.class)}).
 */
public interface ProcessTable {

    /** The process running {@code service}. */
    ManagedProcess process(String service);

    /** Every process of {@code region}'s services, as one group that fails together. */
    ProcessGroup region(String region);
}
