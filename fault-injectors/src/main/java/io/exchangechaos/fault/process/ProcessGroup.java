package io.exchangechaos.fault.process;

import java.util.List;
import java.util.Objects;

/**
 * Processes that fail together, e.g. every service of region r1: a fault on the group hits all of them and heals all
 * of them.
 *
 * @param name what the group is, as reports show it, e.g. {@code region r1}
 */
public record ProcessGroup(String name, List<ManagedProcess> members) {
    public ProcessGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("process group [" + name + "] is empty; give it at least one process");
        }
    }

    public static ProcessGroup of(String name, List<ManagedProcess> members) {
        return new ProcessGroup(name, members);
    }

    /** A group of one, named after the process. */
    public static ProcessGroup of(ManagedProcess process) {
        return new ProcessGroup("process " + process.name(), List.of(process));
    }
}
