package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container's network namespace, entered from this machine with {@code nsenter} and {@code ip} (iproute2), so that a
 * network cut is one netlink call at the fault's moment: {@code docker network disconnect} waits on the engine's own
 * bookkeeping, more so under load. There is one only where the engine runs on this machine and this JVM sees its
 * processes (the pid the engine reports is a live process here whose cgroup names the container,
 * {@link ContainerInit}); anywhere else the caller goes through the engine.
 */
final class ContainerNetns {
    private static final long TIMEOUT_SECONDS = 10;

    private final ContainerRef container;
    private final long pid;

    private ContainerNetns(ContainerRef container, long pid) {
        this.container = container;
        this.pid = pid;
    }

    /** The namespace of the container's first process on this machine, paused or not, if there is one. */
    static Optional<ContainerNetns> of(DockerClient docker, ContainerRef container) {
        return ContainerInit.findPausedOrNot(docker, container).map(p -> new ContainerNetns(container, p.pid()));
    }

    /** The interface holding {@code ipv4} (e.g. {@code eth1}); empty if none does or the namespace cannot be read. */
    Optional<String> interfaceWith(String ipv4) {
        return query("-o", "-4", "addr", "show").flatMap(out -> interfaceWith(out, ipv4));
    }

    /** The interface the default route leaves by, if there is a default route. */
    Optional<String> defaultRouteDevice() {
        return query("-o", "-4", "route", "show", "default").flatMap(ContainerNetns::defaultDevice);
    }

    /** Whether the interface is administratively up; empty if it is not there. */
    Optional<Boolean> isUp(String device) {
        return query("-o", "link", "show", "dev", device).flatMap(ContainerNetns::up);
    }

    /** Runs {@code ip -batch} commands in the namespace, e.g. {@code link set dev eth1 up}; throws if one fails. */
    void run(List<String> commands) {
        Batch batch = prepare();
        try {
            batch.send(commands);
        } finally {
            batch.discard();
        }
    }

    /**
     * An {@code ip -batch -} already running in the namespace and waiting for its commands: started ahead of a
     * fault's moment, so at the moment only the netlink calls are left (a few milliseconds instead of a process
     * start). {@link Batch#discard()} ends it if the moment never comes.
     */
    Batch prepare() {
        ProcessBuilder pb = new ProcessBuilder(command("-batch", "-"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            return new Batch(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot enter the network namespace of container " + container.name()
                + " (pid " + pid + "): " + e.getMessage(), e);
        }
    }

    /** A prepared {@code ip -batch -}: sends its commands once and waits for them. */
    final class Batch {
        private final Process process;

        private Batch(Process process) {
            this.process = process;
        }

        /** Sends the commands, ends the input, and returns once all ran; throws with ip's message if one failed. */
        void send(List<String> commands) {
            try (OutputStream in = process.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot send " + commands + " to ip in the network namespace of"
                    + " container " + container.name() + ": " + e.getMessage(), e);
            }
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ip " + commands + " in the network namespace of container "
                        + container.name() + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    throw new IllegalStateException("ip " + commands + " in the network namespace of container "
                        + container.name() + " (pid " + pid + ") failed: " + err);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for ip in container " + container.name(), e);
            } catch (IOException e) {
                throw new IllegalStateException("ip in container " + container.name() + " failed: " + e.getMessage(), e);
            }
        }

        /** Ends the process if it still waits (a cancelled moment); harmless after {@link #send}. */
        void discard() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private Optional<String> query(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            // no nsenter or ip here: the caller goes through the engine
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private List<String> command(String... ipArgs) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "ip"));
        cmd.addAll(List.of(ipArgs));
        return cmd;
    }

    /** From {@code ip -o -4 addr show}: {@code "8366: eth1    inet 10.216.2.5/24 brd ..."} has eth1 for 10.216.2.5. */
    static Optional<String> interfaceWith(String ipOutput, String ipv4) {
        for (String line : ipOutput.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            for (int i = 2; i + 1 < f.length; i++) {
                if (f[i].equals("inet") && f[i + 1].split("/")[0].equals(ipv4)) {
                    return Optional.of(device(f[1]));
                }
            }
        }
        return Optional.empty();
    }

    /** From {@code ip -o -4 route show default}: {@code "default via 10.216.1.1 dev eth0"} leaves by eth0. */
    static Optional<String> defaultDevice(String ipOutput) {
        for (String line : ipOutput.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("dev")) {
                    return Optional.of(f[i + 1]);
                }
            }
        }
        return Optional.empty();
    }

    /** From {@code ip -o link show dev X}: up when its flags {@code <...>} hold UP. */
    static Optional<Boolean> up(String ipOutput) {
        int open = ipOutput.indexOf('<');
        int close = ipOutput.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        return Optional.of(List.of(ipOutput.substring(open + 1, close).split(",")).contains("UP"));
    }

    /** {@code eth1@if8367:} or {@code eth1} is eth1. */
    private static String device(String field) {
        String d = field.endsWith(":") ? field.substring(0, field.length() - 1) : field;
        int at = d.indexOf('@');
        return at < 0 ? d : d.substring(0, at);
    }

    long pid() {
        return pid;
    }
}
