package io.exchangechaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.exchangechaos.core.ledger.FaultInjectionException;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.InjectedFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Faults on containers (the docker backend): stop, kill, pause and network cuts. Each is in the ledger before it
 * touches a container, with a recipe that heals it from the ledger alone (start, unpause, reconnect with the same
 * aliases and address); closing the returned {@link InjectedFault} heals it.
 *
 * <pre>{@code
 * ContainerFaults containers = new ContainerFaults(recorder);
 * try (InjectedFault cut = containers.disconnect("r1 from the WAN", wanAttachmentsOfR1)) { ... }
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

    /**
     * SIGKILL to every container's first process; heals by starting the containers again. Each process is found
     * before the fault is recorded (and so before its moment): where the engine runs on this machine and this JVM
     * sees its processes ({@link #hostProcess}), the kill is one system call from here; for any other container it is
     * {@code docker kill}. In effect once sent ({@link InjectedFault#appliedAt()}); returns once the engine reports every
     * container stopped.
     */
    public InjectedFault kill(String target, List<ContainerRef> containers) {
        Map<String, ProcessHandle> first = new ConcurrentHashMap<>();
        atOnce(containers, c -> ContainerInit.find(docker, c).ifPresent(p -> first.put(c.id(), p)));
        InjectedFault fault = stopped("container.kill", target, containers, all -> {
            List<ContainerRef> throughEngine = new ArrayList<>();
            for (ContainerRef c : all) {
                ProcessHandle p = first.get(c.id());
                // false when that process has gone since it was found: the engine then says what became of it
                if (p == null || !p.destroyForcibly()) {
                    throughEngine.add(c);
                }
            }
            atOnce(throughEngine, c -> docker.killContainerCmd(c.id()).exec());
        });
        awaitStopped(fault, containers);
        return fault;
    }

    /**
     * The container's first process on this machine, if a kill can signal it from here: the engine runs here, this
     * JVM sees its processes, and the container runs unpaused. Empty means {@link #kill} goes through the engine.
     */
    public Optional<ProcessHandle> hostProcess(ContainerRef container) {
        return ContainerInit.find(docker, container);
    }

    /** {@code docker stop} (SIGTERM, then SIGKILL after 10 s); heals by starting the containers again. */
    public InjectedFault stop(String target, List<ContainerRef> containers) {
        return stopped("container.stop", target, containers, all -> atOnce(all,
            c -> docker.stopContainerCmd(c.id()).withTimeout(STOP_TIMEOUT_SECONDS).exec()));
    }

    /** {@code docker pause} (cgroup freezer): processes stay, holding their sockets, and do nothing. Heals by unpause. */
    public InjectedFault pause(String target, List<ContainerRef> containers) {
        List<HealRecipe> unpause = containers.stream()
            .map(c -> (HealRecipe) new ContainerRecipes.UnpauseContainer(c.name(), c.id())).toList();
        FaultRecorder.Plan plan = recorder.plan("container.pause", target + " " + names(containers), id -> all(unpause));
        return recorder.inject(plan, refine -> atOnce(containers, c -> docker.pauseContainerCmd(c.id()).exec()));
    }

    /** {@code docker restart}: not a fault that stays, so nothing to heal. */
    public void restart(ContainerRef container) {
        docker.restartContainerCmd(container.id()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
    }

    /**
     * Cuts every attachment: nothing crosses it in either direction, while the containers keep running. Where the
     * engine runs on this machine, each container's interfaces on those networks are taken down inside its network
     * namespace ({@code ip link set dev X down}, {@link ContainerNetns}): the namespace is entered and the interfaces
     * found before the fault is recorded (and so before its moment), and an {@code ip -batch} already waiting there
     * is only sent its commands at the moment. The engine still lists those containers on the networks; the recipe
     * brings the interfaces up again ({@link ContainerRecipes.SetLinkUp}). For any other container (a remote engine, no
     * namespace to enter, an interface it could not find, or one its default route leaves by) the cut is
     * {@code docker network disconnect}, healed by connecting it again with its aliases and address. In effect once
     * every interface is down and the engine has answered every disconnect ({@link InjectedFault#appliedAt()}).
     */
    public InjectedFault disconnect(String target, List<Attachment> attachments) {
        Map<String, List<Attachment>> byContainer = new LinkedHashMap<>();
        attachments.forEach(a -> byContainer.computeIfAbsent(a.container().id(), id -> new ArrayList<>()).add(a));
        Map<String, HostCut> hostCuts = new ConcurrentHashMap<>();
        atOnce(new ArrayList<>(byContainer.values()),
            of -> hostCut(of).ifPresent(cut -> hostCuts.put(of.get(0).container().id(), cut)));
        try {
            List<HealRecipe> heal = new ArrayList<>();
            List<Attachment> throughEngine = new ArrayList<>();
            List<String> what = new ArrayList<>();
            for (Attachment a : attachments) {
                HostCut cut = hostCuts.get(a.container().id());
                if (cut == null) {
                    throughEngine.add(a);
                    heal.add(new ContainerRecipes.ConnectNetwork(a.network(), a.container().name(), a.container().id(),
                        a.aliases(), a.ipv4Address()));
                    what.add(a.container().name() + "@" + a.network());
                } else {
                    String device = cut.devices().get(a);
                    heal.add(new ContainerRecipes.SetLinkUp(a.network(), a.container().name(), a.container().id(), device,
                        a.aliases(), a.ipv4Address()));
                    what.add(a.container().name() + "@" + a.network() + " (" + device + ")");
                }
            }
            FaultRecorder.Plan plan = recorder.plan("container.disconnect", target + " " + what, id -> all(heal));
            return recorder.inject(plan, refine -> {
                // each prepared ip gets its commands on a thread of its own: the interfaces go down together
                atOnce(new ArrayList<>(hostCuts.values()), HostCut::send);
                atOnce(throughEngine, a -> docker.disconnectFromNetworkCmd().withNetworkId(a.network())
                    .withContainerId(a.container().id()).withForce(true).exec());
            });
        } finally {
            // an ip still waiting (the moment was cancelled, or recording failed) is ended without a command
            hostCuts.values().forEach(c -> c.batch().discard());
        }
    }

    /**
     * The cut of one container's attachments inside its network namespace, prepared: its interfaces found by address,
     * none of them the one its default route leaves by (taking that down would cut the container off its own region
     * too), and an {@code ip -batch} waiting. Empty when any of that is not so: the engine cuts it instead.
     */
    private Optional<HostCut> hostCut(List<Attachment> ofOneContainer) {
        if (ofOneContainer.stream().anyMatch(a -> a.ipv4Address() == null)) {
            return Optional.empty();
        }
        Optional<ContainerNetns> netns = ContainerNetns.of(docker, ofOneContainer.get(0).container());
        if (netns.isEmpty()) {
            return Optional.empty();
        }
        Map<Attachment, String> devices = new LinkedHashMap<>();
        for (Attachment a : ofOneContainer) {
            Optional<String> device = netns.get().interfaceWith(a.ipv4Address());
            if (device.isEmpty()) {
                return Optional.empty();
            }
            devices.put(a, device.get());
        }
        Optional<String> defaultRoute = netns.get().defaultRouteDevice();
        if (defaultRoute.isPresent() && devices.containsValue(defaultRoute.get())) {
            return Optional.empty();
        }
        return Optional.of(new HostCut(devices, netns.get().prepare()));
    }

    /** One container's cut, prepared: its devices on the networks to cut, and the ip waiting in its namespace. */
    private record HostCut(Map<Attachment, String> devices, ContainerNetns.Batch batch) {
        void send() {
            batch.send(devices.values().stream().distinct().map(d -> "link set dev " + d + " down").toList());
        }
    }

    private InjectedFault stopped(String type, String target, List<ContainerRef> containers, Consumer<List<ContainerRef>> action) {
        List<HealRecipe> start = containers.stream()
            .map(c -> (HealRecipe) new ContainerRecipes.StartContainer(c.name(), c.id())).toList();
        FaultRecorder.Plan plan = recorder.plan(type, target + " " + names(containers), id -> all(start));
        return recorder.inject(plan, refine -> action.accept(containers));
    }

    /**
     * Waits until the engine reports every container stopped: a process killed from here is gone at once, the
     * engine's view follows a moment later. If one still runs after {@value #STOP_TIMEOUT_SECONDS} s, the fault is
     * healed and the failure thrown.
     */
    private void awaitStopped(InjectedFault fault, List<ContainerRef> containers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
        for (ContainerRef c : containers) {
            while (Boolean.TRUE.equals(docker.inspectContainerCmd(c.id()).exec().getState().getRunning())) {
                if (System.nanoTime() > deadline) {
                    HealResult undo = fault.heal();
                    throw new FaultInjectionException("container " + c.name() + " (" + ContainerRecipes.shortId(c.id())
                        + ") still runs " + STOP_TIMEOUT_SECONDS + " s after SIGKILL; undo: " + undo, null);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaultInjectionException("interrupted waiting for container " + c.name()
                        + " to stop after SIGKILL; the fault stays in force: " + fault.id(), e);
                }
            }
        }
    }

    /**
     * One call per item (a Docker API call, or a prepared ip), all at once, each on its own thread; returns when all
     * are done and throws the first failure. The engine serves calls in parallel, and one after another the last of a
     * region's containers would keep running until every call before it had returned.
     */
    private static <T> void atOnce(List<T> items, Consumer<T> call) {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
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
