package io.exchangechaos.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.exchangechaos.backend.StackClasspath;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.fault.container.Attachment;
import io.exchangechaos.fault.container.ContainerFaults;
import io.exchangechaos.fault.container.ContainerRecipes;
import io.exchangechaos.fault.container.ContainerRef;
import io.exchangechaos.fault.container.ContainerSweep;
import io.exchangechaos.fault.container.Docker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container faults against a real Docker engine, healed both ways: by closing the fault, and from the ledger alone
 * (as {@code ./chaos cleanup} does after a crash). Builds the stack image if it is missing.
 */
class ContainerFaultsIT {
    private static final String NETWORK = "chaos-it-faults";

    @TempDir
    Path dir;

    private DockerClient docker;
    private FaultRecorder recorder;
    private String networkId;
    private ContainerRef container;

    @BeforeEach
    void startOneContainerOnItsOwnNetwork() {
        docker = Docker.client();
        recorder = FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl")));
        String image = new StackImages(docker, dir.resolve("images")).stack(StackClasspath.resolve());
        Map<String, String> labels = Map.of(Docker.RUN_LABEL, "it-faults", Docker.OWNER_LABEL, ContainerSweep.selfOwner());
        // internal, as the stack's WAN networks are: no default route leaves by it
        networkId = docker.createNetworkCmd().withName(NETWORK).withLabels(labels).withCheckDuplicate(true).withInternal(true)
            .withIpam(new com.github.dockerjava.api.model.Network.Ipam().withConfig(
                new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet("10.214.0.0/24")))
            .exec().getId();
        String id = docker.createContainerCmd(image).withLabels(labels)
            .withCmd(StackImages.JAVA, "-Xmx32m", "-cp", StackImages.classpathInImage(),
                "io.exchangechaos.server.proxy.ToxiproxyServerMain", "--host", "0.0.0.0", "--allow-remote-targets", "--port", "8474")
            .exec().getId();
        docker.connectToNetworkCmd().withNetworkId(networkId).withContainerId(id)
            .withContainerNetwork(new ContainerNetwork().withAliases("it")
                .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address("10.214.0.9")))
            .exec();
        docker.startContainerCmd(id).exec();
        container = new ContainerRef("it", id);
        await("the container's server answering on " + NETWORK).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100)).until(() -> answers("10.214.0.9"));
    }

    /** Whether the container's server accepts a TCP connection at {@code address}:8474 within a second. */
    private static boolean answers(String address) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, 8474), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void removeEverything() {
        ContainerSweep.removeLeftovers(true);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Docker.RUN_LABEL)).exec()).isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec()).isEmpty();
    }

    private boolean running() {
        var state = docker.inspectContainerCmd(container.id()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
    }

    private boolean paused() {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(container.id()).exec().getState().getPaused());
    }

    private String addressOn(String network) {
        var n = docker.inspectContainerCmd(container.id()).exec().getNetworkSettings().getNetworks().get(network);
        return n == null ? null : n.getIpAddress();
    }

    @Test
    void pauseKillStopAndDisconnectHealWhenClosed() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);

        try (InjectedFault f = faults.pause("it", List.of(container))) {
            assertThat(paused()).isTrue();
        }
        assertThat(running()).isTrue();

        try (InjectedFault f = faults.kill("it", List.of(container))) {
            assertThat(running()).isFalse();
        }
        assertThat(running()).isTrue();

        try (InjectedFault f = faults.stop("it", List.of(container))) {
            assertThat(running()).isFalse();
        }
        assertThat(running()).isTrue();
        // the restarted server must answer before the cut, or "not reached" would prove nothing
        await("the restarted server answering").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> answers("10.214.0.9"));

        try (InjectedFault f = faults.disconnect("it", List.of(new Attachment(container, networkId, List.of("it"), "10.214.0.9")))) {
            assertThat(answers("10.214.0.9")).as("reached across the cut").isFalse();
        }
        assertThat(addressOn(NETWORK)).isEqualTo("10.214.0.9");
        assertThat(answers("10.214.0.9")).as("reached after the heal").isTrue();
    }

    @Test
    void aCutOnAMachineRunningTheEngineTakesTheInterfaceDownInsideTheContainer() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);
        String bridgeAddress = docker.inspectContainerCmd(container.id()).exec().getNetworkSettings().getNetworks()
            .get("bridge").getIpAddress();
        assertThat(answers(bridgeAddress)).as("reached on the default bridge").isTrue();

        try (InjectedFault f = faults.disconnect("it", List.of(new Attachment(container, networkId, List.of("it"), "10.214.0.9")))) {
            // THEN nothing reaches it on that network, while the engine still lists it there: the cut was made inside
            // its network namespace, and only on that network
            assertThat(answers("10.214.0.9")).as("reached across the cut").isFalse();
            assertThat(addressOn(NETWORK)).isEqualTo("10.214.0.9");
            assertThat(answers(bridgeAddress)).as("reached on the network it was not cut from").isTrue();
            // AND the ledger's recipe brings that interface up again
            HealRecipe recipe = recorder.ledger().unhealed().get(0).heal();
            assertThat(recipe).isInstanceOfSatisfying(ContainerRecipes.SetLinkUp.class, up -> {
                assertThat(up.device()).startsWith("eth");
                assertThat(up.ipv4Address()).isEqualTo("10.214.0.9");
            });
        }
        assertThat(answers("10.214.0.9")).as("reached after the heal").isTrue();
        assertThat(recorder.ledger().unhealed()).isEmpty();
    }

    @Test
    void aCutOfTheNetworkItsDefaultRouteLeavesByGoesThroughTheEngine() {
        // GIVEN a container whose only network (and so its default route) is the one to cut: taking that interface
        // down would also take its route to everywhere else, so the engine disconnects it
        Map<String, String> labels = Map.of(Docker.RUN_LABEL, "it-faults", Docker.OWNER_LABEL, ContainerSweep.selfOwner());
        String own = docker.createNetworkCmd().withName(NETWORK + "-own").withLabels(labels).withCheckDuplicate(true)
            .withIpam(new com.github.dockerjava.api.model.Network.Ipam().withConfig(
                new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet("10.214.1.0/24")))
            .exec().getId();
        String image = docker.inspectContainerCmd(container.id()).exec().getConfig().getImage();
        String id = docker.createContainerCmd(image).withLabels(labels)
            .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(NETWORK + "-own"))
            .withCmd(StackImages.JAVA, "-Xmx32m", "-cp", StackImages.classpathInImage(),
                "io.exchangechaos.server.proxy.ToxiproxyServerMain", "--host", "0.0.0.0", "--allow-remote-targets", "--port", "8474")
            .exec().getId();
        docker.startContainerCmd(id).exec();
        String address = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(NETWORK + "-own")
            .getIpAddress();
        await("the second container answering").atMost(Duration.ofSeconds(30)).until(() -> answers(address));
        ContainerRef alone = new ContainerRef("alone", id);
        ContainerFaults faults = new ContainerFaults(recorder, docker);

        try (InjectedFault f = faults.disconnect("it", List.of(new Attachment(alone, own, List.of("alone"), address)))) {
            assertThat(docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks()).doesNotContainKey(NETWORK + "-own");
            assertThat(recorder.ledger().unhealed().get(0).heal()).isInstanceOf(ContainerRecipes.ConnectNetwork.class);
        }
        assertThat(docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(NETWORK + "-own").getIpAddress())
            .isEqualTo(address);
        await("answering after the heal").atMost(Duration.ofSeconds(10)).until(() -> answers(address));
    }

    @Test
    void aKillSignalsTheContainersProcessFromThisMachineAndReturnsOnceTheEngineSeesItStopped() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);
        long enginePid = docker.inspectContainerCmd(container.id()).exec().getState().getPidLong();
        // GIVEN an engine on this machine: the container's first process is one this JVM can signal
        ProcessHandle first = faults.hostProcess(container).orElseThrow(() -> new AssertionError(
            "the container's process (pid " + enginePid + " to the engine) should be visible from here"));
        assertThat(first.pid()).isEqualTo(enginePid);

        long since = System.currentTimeMillis() / 1000 - 1;
        try (InjectedFault f = faults.kill("it", List.of(container))) {
            // THEN that process is gone, killed by SIGKILL, and the engine says so by the time kill returns
            assertThat(first.isAlive()).isFalse();
            var state = docker.inspectContainerCmd(container.id()).exec().getState();
            assertThat(state.getRunning()).isFalse();
            assertThat(state.getExitCodeLong()).isEqualTo(128L + 9);
            // AND the engine saw the container die without being asked to kill it: the signal came from here
            assertThat(eventsSince(since)).contains("die").doesNotContain("kill");
        }
        // AND closing the fault starts it again, as a new process
        assertThat(running()).isTrue();
        assertThat(faults.hostProcess(container)).hasValueSatisfying(p -> assertThat(p.pid()).isNotEqualTo(enginePid));
    }

    /** The engine's events for the container from {@code since} (unix seconds) until now, e.g. [kill, die]. */
    private List<String> eventsSince(long since) {
        List<String> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var events = docker.eventsCmd().withContainerFilter(container.id())
            .withSince(Long.toString(since)).withUntil(Long.toString(System.currentTimeMillis() / 1000 + 1))
            .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Event e) {
                    actions.add(e.getAction());
                }
            })) {
            events.awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the engine's events: " + e, e);
        }
        return actions;
    }

    @Test
    void aPausedContainerIsKilledThroughTheEngine() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);
        // GIVEN a paused container: a signal from here would wait for the thaw
        try (InjectedFault paused = faults.pause("it", List.of(container))) {
            assertThat(faults.hostProcess(container)).isEmpty();
            // WHEN it is killed, THEN it stops all the same (docker kill)
            long since = System.currentTimeMillis() / 1000 - 1;
            try (InjectedFault killed = faults.kill("it", List.of(container))) {
                assertThat(running()).isFalse();
                assertThat(eventsSince(since)).contains("kill", "die");
            }
        }
        assertThat(running()).isTrue();
    }

    @Test
    void aCrashedRunsContainerFaultsAreHealedFromTheLedgerAlone() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);
        // GIVEN a paused container and a cut network, never closed (the run "crashed")
        faults.pause("it", List.of(container));
        faults.disconnect("it", List.of(new Attachment(container, networkId, List.of("it"), "10.214.0.9")));
        assertThat(paused()).isTrue();
        assertThat(answers("10.214.0.9")).as("reached across the cut").isFalse();

        // WHEN cleanup runs from the ledger (including this live process, as an operator would)
        CleanupReport report = Cleanup.of(recorder.ledger()).includingLiveRuns().run();

        // THEN both are healed: running again, back on the network with the same address
        assertThat(report.items()).hasSize(2).allSatisfy(i -> assertThat(i.result().outcome()).isEqualTo(HealOutcome.HEALED));
        assertThat(running()).isTrue();
        assertThat(addressOn(NETWORK)).isEqualTo("10.214.0.9");
        assertThat(answers("10.214.0.9")).as("reached after cleanup").isTrue();
    }

    @Test
    void aCutContainerThatWasDisconnectedThroughTheEngineMeanwhileIsConnectedAgainByCleanup() {
        ContainerFaults faults = new ContainerFaults(recorder, docker);
        // GIVEN a cut made inside the container, never closed, and then the container taken off that network by hand
        faults.disconnect("it", List.of(new Attachment(container, networkId, List.of("it"), "10.214.0.9")));
        docker.disconnectFromNetworkCmd().withNetworkId(networkId).withContainerId(container.id()).withForce(true).exec();
        assertThat(addressOn(NETWORK)).isNull();

        // WHEN cleanup runs from the ledger
        CleanupReport report = Cleanup.of(recorder.ledger()).includingLiveRuns().run();

        // THEN it is back on the network, at the same address, and answers there
        assertThat(report.items()).singleElement().satisfies(i -> assertThat(i.result().outcome()).isEqualTo(HealOutcome.HEALED));
        assertThat(addressOn(NETWORK)).isEqualTo("10.214.0.9");
        await("answering after cleanup").atMost(Duration.ofSeconds(10)).until(() -> answers("10.214.0.9"));
    }
}
