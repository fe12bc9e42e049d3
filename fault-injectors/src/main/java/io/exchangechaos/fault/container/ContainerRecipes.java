package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The heal recipes of container faults, and how each heals from the ledger alone through the Docker engine; each
 * step is idempotent, like every other healer step.
 */
public final class ContainerRecipes {
    private ContainerRecipes() {
    }

    /** {@code docker unpause} a container a fault paused; first, like thawing a frozen process. */
    public record UnpauseContainer(String name, String containerId) implements HealRecipe {
        public UnpauseContainer {
            Objects.requireNonNull(containerId, "containerId");
        }
    }

    /** {@code docker start} a container a fault stopped or killed (a removed container is already gone). */
    public record StartContainer(String name, String containerId) implements HealRecipe {
        public StartContainer {
            Objects.requireNonNull(containerId, "containerId");
        }
    }

    /** Connect a container back to a network it was cut from, with the same aliases and address. */
    public record ConnectNetwork(String network, String name, String containerId, List<String> aliases, String ipv4Address)
        implements HealRecipe {
        public ConnectNetwork {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(containerId, "containerId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /**
     * Bring a container's interface on a network up again, after a cut made inside the container's network namespace
     * ({@code ip link set dev DEVICE down}) while the engine still lists it on the network. The interface is found by
     * its address; where the namespace cannot be entered from the healing machine, the container is reconnected
     * through the engine instead (disconnect, then connect with the same aliases and address).
     */
    public record SetLinkUp(String network, String name, String containerId, String device, List<String> aliases,
                            String ipv4Address) implements HealRecipe {
        public SetLinkUp {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(containerId, "containerId");
            Objects.requireNonNull(ipv4Address, "ipv4Address");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** {@code unpause-container}. */
    public static final class UnpauseContainerKind extends HealRecipeKind.Basic<UnpauseContainer> {
        public UnpauseContainerKind() {
            super("unpause-container", UnpauseContainer.class, 0);
        }

        @Override
        public HealResult heal(UnpauseContainer recipe, HealContext cx) {
            return unpause(recipe);
        }
    }

    /** {@code start-container}. */
    public static final class StartContainerKind extends HealRecipeKind.Basic<StartContainer> {
        public StartContainerKind() {
            super("start-container", StartContainer.class, 1);
        }

        @Override
        public HealResult heal(StartContainer recipe, HealContext cx) {
            return start(recipe);
        }
    }

    /** {@code connect-network}. */
    public static final class ConnectNetworkKind extends HealRecipeKind.Basic<ConnectNetwork> {
        public ConnectNetworkKind() {
            super("connect-network", ConnectNetwork.class, 1);
        }

        @Override
        public HealResult heal(ConnectNetwork recipe, HealContext cx) {
            return connect(recipe);
        }
    }

    /** {@code set-link-up}. */
    public static final class SetLinkUpKind extends HealRecipeKind.Basic<SetLinkUp> {
        public SetLinkUpKind() {
            super("set-link-up", SetLinkUp.class, 1);
        }

        @Override
        public HealResult heal(SetLinkUp recipe, HealContext cx) {
            return linkUp(recipe);
        }
    }

    public static HealResult unpause(UnpauseContainer r) {
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

    public static HealResult start(StartContainer r) {
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

    public static HealResult connect(ConnectNetwork r) {
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
    public static HealResult linkUp(SetLinkUp r) {
        DockerClient docker = Docker.client();
        OnNetwork c = onNetwork(docker, r.name(), r.containerId(), r.network());
        if (c.gone() != null) {
            return c.gone();
        }
        ConnectNetwork reconnect = new ConnectNetwork(r.network(), r.name(), r.containerId(),
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
            return connected.outcome() == HealOutcome.HEALED
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
