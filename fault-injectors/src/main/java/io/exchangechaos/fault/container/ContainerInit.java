package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A container's first process as this machine sees it, so that killing it is one system call from the harness at the
 * fault's moment rather than a Docker API call, which leaves the container running until the engine gets to it. There
 * is one only where the engine runs on this machine and this JVM sees its processes: the pid the engine reports must be
 * a live process here whose cgroup names the container's full id. Anywhere else (a remote engine, an engine in a VM, a
 * harness in a container of its own) there is none, and the caller goes through the engine.
 */
final class ContainerInit {
    private ContainerInit() {
    }

    /** The container's running, unpaused first process on this machine, if this JVM can signal it directly. */
    static Optional<ProcessHandle> find(DockerClient docker, ContainerRef container) {
        return find(docker, container, false);
    }

    /**
     * As {@link #find(DockerClient, ContainerRef)}, paused or not: a paused container's processes are frozen, but its
     * network namespace can be entered all the same.
     */
    static Optional<ProcessHandle> findPausedOrNot(DockerClient docker, ContainerRef container) {
        return find(docker, container, true);
    }

    private static Optional<ProcessHandle> find(DockerClient docker, ContainerRef container, boolean pausedToo) {
        InspectContainerResponse.ContainerState state;
        try {
            state = docker.inspectContainerCmd(container.id()).exec().getState();
        } catch (RuntimeException e) {
            // the engine's own kill says what is wrong with this container
            return Optional.empty();
        }
        Long pid = state == null ? null : state.getPidLong();
        if (pid == null || pid <= 0 || !Boolean.TRUE.equals(state.getRunning()) || !pausedToo && Boolean.TRUE.equals(state.getPaused())) {
            return Optional.empty();
        }
        // the handle holds the process's start time: a pid reused later is not signalled (destroyForcibly says false)
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        try {
            String cgroup = Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
            return namesContainer(cgroup, container.id()) ? process : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a {@code /proc/PID/cgroup} text puts the process in the container with this full (64 hex digit) id:
     * {@code /docker/ID} with the cgroupfs driver, {@code /system.slice/docker-ID.scope} with systemd's, on cgroup v1
     * or v2. A short id is not enough to tell.
     */
    static boolean namesContainer(String cgroup, String containerId) {
        return containerId.matches("[0-9a-f]{64}") && cgroup.lines().anyMatch(line -> line.contains(containerId));
    }
}
