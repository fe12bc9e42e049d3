package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.exchangechaos.fault.process.ProcStat;
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
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add("removed container " + String.join(",", c.getNames()) + " of run "
                    + c.getLabels().get(Docker.RUN_LABEL) + " (" + c.getState() + ")");
            } catch (RuntimeException e) {
                removed.add("could not remove container " + String.join(",", c.getNames()) + ": " + e.getMessage());
            }
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec()) {
            if (!includeLiveRuns && ownerAlive(n.getLabels())) {
                continue;
            }
            try {
                docker.removeNetworkCmd(n.getId()).exec();
                removed.add("removed network " + n.getName() + " of run " + n.getLabels().get(Docker.RUN_LABEL));
            } catch (RuntimeException e) {
                removed.add("could not remove network " + n.getName() + ": " + e.getMessage());
            }
        }
        return removed;
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
