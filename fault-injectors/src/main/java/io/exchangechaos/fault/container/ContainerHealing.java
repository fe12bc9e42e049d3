package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.exchangechaos.fault.HealResult;
import io.exchangechaos.fault.ledger.HealRecipe;
import java.util.List;
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
        OnNetwork c = onNetwork(docker, r.name(), r.containerId(), r.network());
        if (c.gone() != null) {
            return c.gone();
        }
        if (c.attached()) {
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

    /**
     * Brings the cut interface up in the container's namespace, found by its address. A container the engine no
     * longer lists on the network is connected again; one not running needs nothing (its interfaces come up when it
     * starts); one whose namespace cannot be entered from here is reconnected through the engine.
     */
    public static HealResult linkUp(HealRecipe.SetLinkUp r) {
        DockerClient docker = Docker.client();
        OnNetwork c = onNetwork(docker, r.name(), r.containerId(), r.network());
        if (c.gone() != null) {
            return c.gone();
        }
        HealRecipe.ConnectNetwork reconnect = new HealRecipe.ConnectNetwork(r.network(), r.name(), r.containerId(),
            r.aliases(), r.ipv4Address());
        if (!c.attached()) {
            return connect(reconnect);
        }
        if (!Boolean.TRUE.equals(c.container().getState().getRunning())) {
            return HealResult.alreadyGone("container " + r.name() + " is not running; its links come up when it starts");
        }
        Optional<ContainerNetns> netns = ContainerNetns.of(docker, new ContainerRef(r.name(), r.containerId()));
        Optional<String> device = netns.flatMap(n -> n.interfaceWith(r.ipv4Address()));
        if (device.isEmpty()) {
            docker.disconnectFromNetworkCmd().withNetworkId(r.network()).withContainerId(r.containerId()).withForce(true)
                .exec();
            HealResult connected = connect(reconnect);
            return connected.outcome() == io.exchangechaos.fault.HealOutcome.HEALED
                ? HealResult.healed("reconnected container " + r.name() + " to network " + r.network() + " as "
                    + r.ipv4Address() + " through the engine (its network namespace cannot be entered from here)")
                : connected;
        }
        if (netns.get().isUp(device.get()).orElse(false)) {
            return HealResult.alreadyGone("link " + device.get() + " of container " + r.name() + " on network "
                + r.network() + " is up");
        }
        netns.get().run(List.of("link set dev " + device.get() + " up"));
        return HealResult.healed("set link " + device.get() + " of container " + r.name() + " up on network "
            + r.network() + " (" + r.ipv4Address() + ")");
    }

    /** A container and a network as the engine sees them: whether it is attached, or why nothing is left to heal. */
    private record OnNetwork(InspectContainerResponse container, boolean attached, HealResult gone) {
    }

    private static OnNetwork onNetwork(DockerClient docker, String name, String containerId, String network) {
        Optional<InspectContainerResponse> c = inspect(docker, containerId);
        if (c.isEmpty()) {
            return new OnNetwork(null, false,
                HealResult.alreadyGone("container " + name + " (" + shortId(containerId) + ") no longer exists"));
        }
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException e) {
            return new OnNetwork(null, false, HealResult.alreadyGone("network " + network + " no longer exists"));
        }
        var networks = c.get().getNetworkSettings().getNetworks();
        boolean attached = networks != null && (networks.containsKey(network)
            || networks.values().stream().anyMatch(n -> network.equals(n.getNetworkID())));
        return new OnNetwork(c.get(), attached, null);
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
