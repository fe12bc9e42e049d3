package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.exchangechaos.core.ledger.ProcStat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers and networks of docker-backend runs whose harness is gone (found by label, so nothing
 * else on the machine is touched): running, paused or stopped, they all go. Part of {@code ./chaos cleanup}.
 */
public final class ContainerSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerSweep.class);
    /** How long to wait for a container or network another cleanup is removing at the same time. */
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private ContainerSweep() {
    }

    /** What was removed, one line each; empty when there was no engine or nothing to remove. */
    public static List<String> removeLeftovers(boolean includeLiveRuns) {
        if (!Docker.mightBeAvailable()) {
            return List.of();
        }
        DockerClient docker;
        try {
            docker = Docker.client();
        } catch (RuntimeException e) {
            LOG.debug("no docker sweep: {}", e.getMessage());
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(List.of(Docker.RUN_LABEL)).exec();
        for (Container c : containers) {
            if (!includeLiveRuns && ownerAlive(c.getLabels())) {
                continue;
            }
            String name = String.join(",", c.getNames());
            String of = " of run " + c.getLabels().get(Docker.RUN_LABEL) + " (" + c.getState() + ")";
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add("removed container " + name + of);
            } catch (NotFoundException e) {
                removed.add("container " + name + of + " was already removed by another cleanup");
            } catch (ConflictException e) {
                // another cleanup (a second run starting, a ./chaos cleanup) is removing it: wait for it to be gone,
                // so that "cleaned up" still means nothing is left when this returns
                removed.add(awaitGone(() -> docker.inspectContainerCmd(c.getId()).exec())
                    ? "container " + name + of + " removed by another cleanup"
                    : "could not remove container " + name + ": " + e.getMessage());
            } catch (RuntimeException e) {
                removed.add("could not remove container " + name + ": " + e.getMessage());
            }
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec()) {
            if (!includeLiveRuns && ownerAlive(n.getLabels())) {
                continue;
            }
            String of = " of run " + n.getLabels().get(Docker.RUN_LABEL);
            long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
            while (true) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    removed.add("removed network " + n.getName() + of);
                } catch (NotFoundException e) {
                    removed.add("network " + n.getName() + of + " was already removed by another cleanup");
                } catch (ConflictException e) {
                    // containers still attached, being removed by another cleanup
                    if (System.nanoTime() < deadline) {
                        sleep(200);
                        continue;
                    }
                    removed.add("could not remove network " + n.getName() + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    removed.add("could not remove network " + n.getName() + ": " + e.getMessage());
                }
                break;
            }
        }
        return removed;
    }

    private static boolean awaitGone(Runnable inspect) {
        long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                inspect.run();
            } catch (NotFoundException gone) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The label of this JVM as owner: pid and start time, so a recycled pid does not keep leftovers alive. */
    public static String selfOwner() {
        long pid = ProcessHandle.current().pid();
        return pid + ":" + ProcStat.startTicks(pid).orElse(0);
    }

    private static boolean ownerAlive(Map<String, String> labels) {
        String owner = labels == null ? null : labels.get(Docker.OWNER_LABEL);
        if (owner == null || !owner.contains(":")) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, owner.indexOf(':')));
            long ticks = Long.parseLong(owner.substring(owner.indexOf(':') + 1));
            return ProcStat.isAlive(pid, ticks);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
