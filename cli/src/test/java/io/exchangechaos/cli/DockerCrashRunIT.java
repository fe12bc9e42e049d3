package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.fault.container.ContainerRecipes;
import io.exchangechaos.fault.container.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The harness under {@code kill -9} on {@code --backend docker}: a real {@code ./chaos run} of
 * {@code crash/paused-and-partitioned.yaml} pauses a container and disconnects region r2 from the WAN network; the
 * harness is killed while both hold; its containers and networks outlive it, one of them paused. {@code ./chaos
 * cleanup} then removes every container and network of the run, found by label, and nothing labelled is left paused.
 * Checked through the Docker API, not through the harness's own report.
 */
class DockerCrashRunIT {
    final Path work = Launcher.ROOT.resolve("cli/target/docker-crash-it");
    final Path home = work.resolve("home");
    final Path ledgerFile = home.resolve(".exchange-chaos/ledger.jsonl");
    final List<Process> started = new ArrayList<>();
    final DockerClient docker = Docker.client();

    @AfterEach
    void leaveNothingBehind() throws Exception {
        started.forEach(Process::destroyForcibly);
        for (Process p : started) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // the run is dead now: a cleanup removes whatever an assertion left half-done
        Launcher.chaos(work, env(), Duration.ofMinutes(2), "cleanup");
    }

    @Test
    void killNineWithAPausedContainerAndACutRegionThenCleanupLeavesNoContainerNetworkOrPause() throws Exception {
        // GIVEN a docker-backend run with a paused container and region r2 cut off the WAN
        Files.createDirectories(home);
        Files.deleteIfExists(ledgerFile);
        Path scenario = Path.of(DockerCrashRunIT.class.getClassLoader().getResource("crash/paused-and-partitioned.yaml").toURI());
        ProcessBuilder pb = new ProcessBuilder(Launcher.ROOT.resolve("chaos").toString(), "run", scenario.toString(),
            "--backend", "docker", "--out", work.resolve("runs").toString())
            .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("CHAOS_NO_BUILD", "1");
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(env());
        long t0 = System.nanoTime();
        Process run = pb.start();
        started.add(run);
        String owner = run.pid() + ":";
        FaultLedger ledger = new FaultLedger(ledgerFile);
        String[] pausedId = new String[1];
        await("the container paused and r2 disconnected (log: " + work.resolve("run.log") + ")")
            .atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(250))
            .until(() -> {
                if (!run.isAlive()) {
                    throw new AssertionError("the run ended early:\n" + Files.readString(work.resolve("run.log")));
                }
                List<LedgerEntry> mine = ledger.unhealed().stream().filter(e -> e.owner().pid() == run.pid()).toList();
                var pause = mine.stream().filter(e -> e.type().equals("container.pause")).findFirst();
                var cut = mine.stream().filter(e -> e.type().equals("container.disconnect")).findFirst();
                if (pause.isEmpty() || cut.isEmpty()) {
                    return false;
                }
                String id = ((ContainerRecipes.UnpauseContainer) pause.get().heal().steps().get(0)).containerId();
                boolean paused = Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getPaused());
                // cut inside each container's network namespace (its interface there down), or by the engine
                boolean disconnected = cut.get().heal().steps().stream().allMatch(step ->
                    step instanceof ContainerRecipes.SetLinkUp up ? linkDown(up.containerId(), up.device())
                        : !onNetwork(((ContainerRecipes.ConnectNetwork) step).containerId(), ((ContainerRecipes.ConnectNetwork) step).network()));
                pausedId[0] = id;
                return paused && disconnected;
            });
        System.out.printf("docker run: paused and cut %.1f s after its start%n", (System.nanoTime() - t0) / 1e9);
        List<String> containers = containersOf(owner).stream().map(Container::getId).toList();
        List<String> networks = networksOf(owner).stream().map(Network::getId).toList();
        assertThat(containers).as("the run's containers").hasSizeGreaterThanOrEqualTo(8).contains(pausedId[0]);
        assertThat(networks).as("the run's networks (one per region, the WAN)").hasSizeGreaterThanOrEqualTo(4);

        // WHEN the harness is killed with SIGKILL
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // THEN its containers and networks outlive it, the paused one still paused
        assertThat(containersOf(owner)).extracting(Container::getId).containsExactlyInAnyOrderElementsOf(containers);
        assertThat(docker.inspectContainerCmd(pausedId[0]).exec().getState().getPaused()).as("still paused").isTrue();

        // WHEN ./chaos cleanup runs
        t0 = System.nanoTime();
        Launcher.Result cleanup = Launcher.chaos(work, env(), Duration.ofMinutes(3), "cleanup");
        System.out.printf("docker cleanup: %.1f s%n%s", (System.nanoTime() - t0) / 1e9, cleanup.out());

        // THEN no container or network of the run is left, and nothing labelled is paused
        assertThat(cleanup.exit()).as(cleanup.out() + cleanup.err()).isZero();
        assertThat(cleanup.out()).containsPattern("removed container \\S+ of run \\S+ \\(paused\\)")
            .contains("removed network");
        assertThat(containersOf(owner)).as("containers of the killed run").isEmpty();
        assertThat(networksOf(owner)).as("networks of the killed run").isEmpty();
        for (String id : containers) {
            assertThat(exists(() -> docker.inspectContainerCmd(id).exec())).as("container %s", id).isFalse();
        }
        for (String id : networks) {
            assertThat(exists(() -> docker.inspectNetworkCmd().withNetworkId(id).exec())).as("network %s", id).isFalse();
        }
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Docker.RUN_LABEL)).exec())
            .as("labelled containers paused").noneMatch(c -> "paused".equals(c.getState()));
        assertThat(ledger.unhealed()).as("unhealed ledger entries").isEmpty();
    }

    private Map<String, String> env() {
        return Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home);
    }

    private List<Container> containersOf(String ownerPrefix) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Docker.RUN_LABEL)).exec().stream()
            .filter(c -> c.getLabels() != null && String.valueOf(c.getLabels().get(Docker.OWNER_LABEL)).startsWith(ownerPrefix))
            .toList();
    }

    private List<Network> networksOf(String ownerPrefix) {
        return docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec().stream()
            .filter(n -> n.getLabels() != null && String.valueOf(n.getLabels().get(Docker.OWNER_LABEL)).startsWith(ownerPrefix))
            .toList();
    }

    private boolean onNetwork(String containerId, String network) {
        var networks = docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks();
        return networks != null && (networks.containsKey(network)
            || networks.values().stream().anyMatch(n -> network.equals(n.getNetworkID())));
    }

    /** Whether the container's interface is down, as {@code ip} inside its network namespace shows it. */
    private boolean linkDown(String containerId, String device) {
        try {
            return linkDownOrThrow(containerId, device);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot read " + device + " of container " + containerId + ": " + e, e);
        }
    }

    private boolean linkDownOrThrow(String containerId, String device) throws java.io.IOException, InterruptedException {
        long pid = docker.inspectContainerCmd(containerId).exec().getState().getPidLong();
        Process ip = new ProcessBuilder("nsenter", "-t", Long.toString(pid), "-n", "ip", "-o", "link", "show", "dev", device)
            .redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ip.waitFor()).as(out).isZero();
        String flags = out.substring(out.indexOf('<') + 1, out.indexOf('>'));
        return !List.of(flags.split(",")).contains("UP");
    }

    private static boolean exists(Runnable inspect) {
        try {
            inspect.run();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
