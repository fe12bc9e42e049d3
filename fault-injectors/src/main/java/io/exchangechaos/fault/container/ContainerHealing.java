package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.exchangechaos.fault.HealResult;
import io.exchangechaos.fault.ledger.HealRecipe;
import java.util.Optional;

/** Heals container recipes from the ledger alone; each step is idempotent, like every other healer step. */
public final class ContainerHealing {
    private ContainerHealing() {
    }

    public static HealResult unpause(HealRecipe.UnpauseContainer r) {
        DockerClient docker = Docker.client();
        Optional<InspectContainerResponse> c = inspect(docker, r.containerId());
        if (c.isEmpty()) {
            return HealResult.alreadyGone("container " + r.name() + " (" + shortId(r.containerId()) + ") no longer exists");
        }
        if (!Boolean.TRUE.equals(c.get().getState().getPaused())) {
            return HealResult.alreadyGone("container " + r.name() + " is not paused");
        }
        docker.unpauseContainerCmd(r.containerId()).exec();
        return HealResult.healed("unpaused container " + r.name());
    }

    public static HealResult start(HealRecipe.StartContainer r) {
        DockerClient docker = Docker.client();
        Optional<InspectContainerResponse> c = inspect(docker, r.containerId());
        if (c.isEmpty()) {
            return HealResult.alreadyGone("container " + r.name() + " (" + shortId(r.containerId()) + ") no longer exists");
        }
        var state = c.get().getState();
        if (Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused())) {
            return HealResult.alreadyGone("container " + r.name() + " is running");
        }
        if (Boolean.TRUE.equals(state.getPaused())) {
            docker.unpauseContainerCmd(r.containerId()).exec();
            return HealResult.healed("unpaused container " + r.name());
        }
        docker.startContainerCmd(r.containerId()).exec();
        return HealResult.healed("started container " + r.name());
    }

    public static HealResult connect(HealRecipe.ConnectNetwork r) {
        DockerClient docker = Docker.client();
        Optional<InspectContainerResponse> c = inspect(docker, r.containerId());
        if (c.isEmpty()) {
            return HealResult.alreadyGone("container " + r.name() + " (" + shortId(r.containerId()) + ") no longer exists");
        }
        try {
            docker.inspectNetworkCmd().withNetworkId(r.network()).exec();
        } catch (NotFoundException e) {
            return HealResult.alreadyGone("network " + r.network() + " no longer exists");
        }
        var networks = c.get().getNetworkSettings().getNetworks();
        if (networks != null && networks.values().stream().anyMatch(n -> r.network().equals(n.getNetworkID()))
            || networks != null && networks.containsKey(r.network())) {
            return HealResult.alreadyGone("container " + r.name() + " is on network " + r.network());
        }
        ContainerNetwork endpoint = new ContainerNetwork().withAliases(r.aliases());
        if (r.ipv4Address() != null) {
            endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(r.ipv4Address()));
        }
        docker.connectToNetworkCmd().withNetworkId(r.network()).withContainerId(r.containerId())
            .withContainerNetwork(endpoint).exec();
        return HealResult.healed("connected container " + r.name() + " to network " + r.network()
            + (r.ipv4Address() == null ? "" : " as " + r.ipv4Address()));
    }

    private static Optional<InspectContainerResponse> inspect(DockerClient docker, String id) {
        try {
            return Optional.of(docker.inspectContainerCmd(id).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
