package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.exchangechaos.fault.Fault;
import io.exchangechaos.fault.FaultRecorder;
import io.exchangechaos.fault.ledger.HealRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Faults on containers (the docker backend): stop, kill, pause and network cuts. Each is in the ledger before it
 * touches a container, with a recipe that heals it from the ledger alone (start, unpause, reconnect with the same
 * aliases and address); closing the returned {@link Fault} heals it.
 *
 * <pre>{@code
 * ContainerFaults containers = new ContainerFaults(recorder);
 * try (Fault cut = containers.disconnect("r1 from the WAN", wanAttachmentsOfR1)) { ... }
 * }</pre>
 */
public final class ContainerFaults {
    private static final int STOP_TIMEOUT_SECONDS = 10;

    private final FaultRecorder recorder;
    private final DockerClient docker;

    public ContainerFaults(FaultRecorder recorder) {
        this(recorder, Docker.client());
    }

    public ContainerFaults(FaultRecorder recorder, DockerClient docker) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /** {@code docker kill} (SIGKILL); heals by starting the containers again. */
    public Fault kill(String target, List<ContainerRef> containers) {
        return stopped("container.kill", target, containers, c -> docker.killContainerCmd(c.id()).exec());
    }

    /** {@code docker stop} (SIGTERM, then SIGKILL after 10 s); heals by starting the containers again. */
    public Fault stop(String target, List<ContainerRef> containers) {
        return stopped("container.stop", target, containers,
            c -> docker.stopContainerCmd(c.id()).withTimeout(STOP_TIMEOUT_SECONDS).exec());
    }

    /** {@code docker pause} (cgroup freezer): processes stay, holding their sockets, and do nothing. Heals by unpause. */
    public Fault pause(String target, List<ContainerRef> containers) {
        List<HealRecipe> unpause = containers.stream()
            .map(c -> (HealRecipe) new HealRecipe.UnpauseContainer(c.name(), c.id())).toList();
        FaultRecorder.Plan plan = recorder.plan("container.pause", target + " " + names(containers), id -> all(unpause));
        return recorder.inject(plan, refine -> atOnce(containers, c -> docker.pauseContainerCmd(c.id()).exec()));
    }

    /** {@code docker restart}: not a fault that stays, so nothing to heal. */
    public void restart(ContainerRef container) {
        docker.restartContainerCmd(container.id()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
    }

    /**
     * Cuts every attachment ({@code docker network disconnect}): nothing crosses it in either direction, while the
     * containers keep running. Heals by connecting each again with its aliases and address.
     */
    public Fault disconnect(String target, List<Attachment> attachments) {
        List<HealRecipe> reconnect = attachments.stream().map(a -> (HealRecipe) new HealRecipe.ConnectNetwork(
            a.network(), a.container().name(), a.container().id(), a.aliases(), a.ipv4Address())).toList();
        String what = attachments.stream().map(a -> a.container().name() + "@" + a.network())
            .collect(Collectors.joining(", ", "[", "]"));
        FaultRecorder.Plan plan = recorder.plan("container.disconnect", target + " " + what, id -> all(reconnect));
        return recorder.inject(plan, refine -> atOnce(attachments, a ->
            docker.disconnectFromNetworkCmd().withNetworkId(a.network()).withContainerId(a.container().id())
                .withForce(true).exec()));
    }

    private interface ContainerAction {
        void apply(ContainerRef container);
    }

    private Fault stopped(String type, String target, List<ContainerRef> containers, ContainerAction action) {
        List<HealRecipe> start = containers.stream()
            .map(c -> (HealRecipe) new HealRecipe.StartContainer(c.name(), c.id())).toList();
        FaultRecorder.Plan plan = recorder.plan(type, target + " " + names(containers), id -> all(start));
        return recorder.inject(plan, refine -> atOnce(containers, action::apply));
    }

    /**
     * One Docker API call per item, all at once, each on its own thread; returns when all are done and throws the
     * first failure. One after another, a region's four containers took 515-661 ms to kill (one call ~150 ms), and
     * the last of them kept running that long; the Docker engine serves the calls in parallel.
     */
    private static <T> void atOnce(List<T> items, java.util.function.Consumer<T> call) {
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (T item : items) {
            Thread t = new Thread(() -> {
                try {
                    call.accept(item);
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "docker-call");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the Docker engine", e);
            }
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    private static HealRecipe all(List<HealRecipe> recipes) {
        return recipes.size() == 1 ? recipes.get(0) : new HealRecipe.All(new ArrayList<>(recipes));
    }

    private static String names(List<ContainerRef> containers) {
        return containers.stream().map(ContainerRef::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
