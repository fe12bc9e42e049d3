package io.exchangechaos.core.fault;

import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.stack.Stack;
import io.exchangechaos.core.stack.docker.DockerStack;
import io.exchangechaos.fault.container.ContainerFaults;
import io.exchangechaos.fault.container.ContainerRef;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.fault.FaultRecorder;
import io.exchangechaos.fault.config.BadConfig;
import io.exchangechaos.fault.config.ConfigPush;
import io.exchangechaos.fault.dependency.DependencyFaults;
import io.exchangechaos.fault.dependency.Endpoint;
import io.exchangechaos.fault.discovery.DnsFaults;
import io.exchangechaos.fault.network.Direction;
import io.exchangechaos.fault.network.NetworkFaults;
import io.exchangechaos.fault.process.ProcessControl;
import io.exchangechaos.fault.process.ProcessGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Turns a scenario's timeline step into real faults on a running stack, through the injectors only: every fault is
 * in the ledger before it touches anything, and {@link ActiveFault#heal()} undoes it. Dynamic targets ("the
 * leader's region") are resolved at the moment of injection.
 *
 * <p>A fault's parts (a region's three links, say) are applied at once, each on a thread of its own, and so are the
 * steps due at the same moment ({@link #injectTogether}): a step must not wait for the one before it, or "at 20 s" means
 * 20.6 s for the second fault of a pair (measured: region-blackhole's freeze landed 0.6-0.9 s after its offset while
 * three links were blackholed one after another).
 */
public final class FaultExecutor {
    private final Stack stack;
    private final FaultRecorder recorder;
    private final java.util.Map<String, NetworkFaults> networks = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProcessControl processes;
    private final Path scenarioDir;
    /** Who leads now; within {@link #injectTogether} the one answer every step of the group gets. */
    private volatile Supplier<Optional<String>> leaderNow;

    public FaultExecutor(Stack stack, FaultRecorder recorder, Path scenarioDir) {
        this.stack = stack;
        this.recorder = recorder;
        this.processes = new ProcessControl(recorder);
        this.scenarioDir = scenarioDir;
        this.leaderNow = stack::leaderService;
    }

    /**
     * What became of one step of {@link #injectTogether}: its fault and when it was in effect (every part applied),
     * or why it could not be injected.
     */
    public record Injected(TimelineStep step, ActiveFault fault, Instant inEffect, RuntimeException error) {
    }

    /**
     * Injects steps due at the same moment all at once, each on a thread of its own, and returns when every one is in
     * effect (or failed), in the order given. If any of them targets the leader, the leader is asked once, before
     * anything is applied, and every step gets that answer: a step freezing the leader's region must not leave
     * another unable to ask who led.
     */
    public List<Injected> injectTogether(List<TimelineStep> steps) {
        if (steps.size() == 1) {
            return List.of(injectCatching(steps.get(0)));
        }
        Supplier<Optional<String>> ask = stack::leaderService;
        if (steps.stream().anyMatch(s -> targetsLeader(s.target()))) {
            Optional<String> now = ask.get();
            leaderNow = () -> now;
        }
        try {
            List<CompletableFuture<Injected>> running = steps.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> injectCatching(s), FaultExecutor::onOwnThread))
                .toList();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            leaderNow = ask;
        }
    }

    private Injected injectCatching(TimelineStep step) {
        try {
            ActiveFault fault = inject(step);
            return new Injected(step, fault, Instant.now(), null);
        } catch (RuntimeException e) {
            return new Injected(step, null, null, e);
        }
    }

    static boolean targetsLeader(FaultTarget target) {
        return target instanceof FaultTarget.RegionTarget r && r.region().equals("leader")
            || target instanceof FaultTarget.ServiceTarget s && s.service().equals("leader");
    }

    private static void onOwnThread(Runnable r) {
        Thread t = new Thread(r, "inject");
        t.setDaemon(true);
        t.start();
    }

    private Optional<String> leaderService() {
        return leaderNow.get();
    }

    public ActiveFault inject(TimelineStep step) {
        Instant at = Instant.now();
        Fault<?> fault = step.fault();
        FaultTarget target = step.target();
        List<io.exchangechaos.fault.Fault> parts = new ArrayList<>();
        String resolved;
        try {
            if (stack instanceof DockerStack docker && (fault instanceof Fault.Kill || fault instanceof Fault.Terminate
                || fault instanceof Fault.Freeze || fault instanceof Fault.Restart
                || fault instanceof Fault.Partition && target instanceof FaultTarget.RegionTarget
                || fault instanceof Fault.Partition && target instanceof FaultTarget.BetweenTarget)) {
                resolved = containerFault(docker, fault, target, parts);
            } else if (target instanceof FaultTarget.BetweenTarget between) {
                // every link's proxy serves all regions alike, so no set of proxies cuts exactly one pair apart
                throw new UnsupportedOperationException("a partition " + between.describe() + " needs --backend docker:"
                    + " on local processes each link's proxy carries every region's traffic into its service, so cutting"
                    + " it would cut the other regions too; run with --backend docker, or partition a whole region");
            } else if (fault instanceof Fault.Kill || fault instanceof Fault.Terminate || fault instanceof Fault.Freeze
                || fault instanceof Fault.Restart) {
                resolved = processFault(fault, target, parts);
            } else if (fault instanceof Fault.Dns dns) {
                String names = ((FaultTarget.DnsTarget) target).names();
                DnsFaults faults = DnsFaults.connect(stack.dns(), recorder);
                parts.add(switch (dns.mode()) {
                    case NXDOMAIN -> faults.nxdomain(names);
                    case SERVFAIL -> faults.servfail(names);
                    case EMPTY -> faults.empty(names);
                    case DROP -> faults.drop(names);
                    case WRONG_ADDRESS -> faults.wrongAddress(names);
                    case LATENCY -> faults.latency(names, dns.latency().orElse(Duration.ofSeconds(2)));
                });
                resolved = "dns " + names;
            } else if (fault instanceof Fault.Dependency dep) {
                String service = ((FaultTarget.DependencyTarget) target).service();
                parts.add(dependencyFault(dep, service));
                resolved = "dependency " + service + " " + dep.endpoint().orElse("/credit-check");
            } else if (fault instanceof Fault.ConfigPush push) {
                String service = ((FaultTarget.ConfigTarget) target).service();
                ConfigPush config = ConfigPush.connect(stack.serviceUrl(service).toString(), recorder);
                parts.add(switch (push.kind()) {
                    case MALFORMED -> config.push(BadConfig.MALFORMED);
                    case SEMANTIC -> config.push(BadConfig.SEMANTIC);
                    case OVERSIZED -> config.push(BadConfig.OVERSIZED);
                    case LATENT -> config.push(BadConfig.LATENT);
                    case FILE -> config.push(read(push.file().orElseThrow()), "file " + push.file().get());
                });
                resolved = "config " + service + " (" + push.kind().id() + ")";
            } else {
                List<String> links = links(target);
                applyTogether(links.stream().<Supplier<io.exchangechaos.fault.Fault>>map(l -> () -> linkFault(fault, l)).toList(),
                    parts);
                resolved = "links " + links;
            }
        } catch (RuntimeException e) {
            // undo whatever part did apply before reporting the failure
            new ActiveFault(step.name(), typeOf(fault), target.toString(), at, parts).heal();
            throw e;
        }
        return new ActiveFault(step.name(), typeOf(fault), resolved, at, List.copyOf(parts));
    }

    /**
     * Applies every part at once, each on a thread of its own, adding those that applied to {@code parts} (in the
     * order given); if any failed, throws its error once all have finished, so the caller heals the ones that did.
     */
    private static void applyTogether(List<Supplier<io.exchangechaos.fault.Fault>> each, List<io.exchangechaos.fault.Fault> parts) {
        if (each.size() == 1) {
            parts.add(each.get(0).get());
            return;
        }
        List<CompletableFuture<io.exchangechaos.fault.Fault>> applying = each.stream()
            .map(s -> CompletableFuture.supplyAsync(s, FaultExecutor::onOwnThread)).toList();
        RuntimeException failed = null;
        for (CompletableFuture<io.exchangechaos.fault.Fault> f : applying) {
            try {
                parts.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private String processFault(Fault<?> fault, FaultTarget target, List<io.exchangechaos.fault.Fault> parts) {
        if (target instanceof FaultTarget.RegionTarget r) {
            String region = r.region().equals("leader") ? leaderRegion() : r.region();
            ProcessGroup group = stack.region(region);
            if (fault instanceof Fault.Restart) {
                group.members().forEach(this::restart);
            } else {
                parts.add(fault instanceof Fault.Kill ? processes.kill(group)
                    : fault instanceof Fault.Terminate ? processes.terminate(group) : processes.freeze(group));
            }
            return "region " + region;
        }
        String service = ((FaultTarget.ServiceTarget) target).service();
        if (service.equals("leader")) {
            service = leaderService().orElseThrow(() -> new IllegalStateException("no engine leads now"));
        }
        var process = stack.process(service);
        if (fault instanceof Fault.Restart) {
            restart(process);
        } else {
            parts.add(fault instanceof Fault.Kill ? processes.kill(process)
                : fault instanceof Fault.Terminate ? processes.terminate(process) : processes.freeze(process));
        }
        return "service " + service;
    }

    /**
     * On containers: kill ({@code docker kill}), terminate ({@code docker stop}), freeze ({@code docker pause}),
     * restart ({@code docker restart}), and a partition of a region is {@code docker network disconnect} of all its
     * containers from its WAN networks: cut in both directions while it keeps running; a partition between two
     * regions disconnects both from the one WAN network they share.
     */
    private String containerFault(DockerStack docker, Fault<?> fault, FaultTarget target,
                                  List<io.exchangechaos.fault.Fault> parts) {
        ContainerFaults containers = new ContainerFaults(recorder);
        List<ContainerRef> refs;
        String what;
        if (target instanceof FaultTarget.BetweenTarget between) {
            String a = between.regions().get(0);
            String b = between.regions().get(1);
            parts.add(containers.disconnect("regions " + a + " and " + b + " from each other", docker.pairAttachments(a, b)));
            return "between " + a + " and " + b + " (disconnected from their WAN network)";
        }
        if (target instanceof FaultTarget.RegionTarget r) {
            String region = r.region().equals("leader") ? leaderRegion() : r.region();
            if (fault instanceof Fault.Partition) {
                parts.add(containers.disconnect("region " + region + " from the WAN", docker.wanAttachments(region)));
                return "region " + region + " (disconnected from the WAN)";
            }
            refs = docker.containersIn(region);
            what = "region " + region;
        } else {
            String service = ((FaultTarget.ServiceTarget) target).service();
            if (service.equals("leader")) {
                service = leaderService().orElseThrow(() -> new IllegalStateException("no engine leads now"));
            }
            refs = List.of(docker.container(service));
            what = "service " + service;
        }
        if (fault instanceof Fault.Restart) {
            refs.forEach(containers::restart);
        } else {
            parts.add(fault instanceof Fault.Kill ? containers.kill(what, refs)
                : fault instanceof Fault.Terminate ? containers.stop(what, refs) : containers.pause(what, refs));
        }
        return what + " (containers)";
    }

    private void restart(io.exchangechaos.fault.process.ManagedProcess p) {
        try {
            processes.restart(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted restarting " + p.name(), e);
        }
    }

    private String leaderRegion() {
        String leader = leaderService().orElseThrow(() -> new IllegalStateException(
            "no engine leads now, so there is no leader's region to target"));
        return stack.topology().regionOf(leader);
    }

    private List<String> links(FaultTarget target) {
        if (target instanceof FaultTarget.LinkTarget l) {
            return List.of(l.link());
        }
        if (target instanceof FaultTarget.LinkListTarget l) {
            return l.links();
        }
        if (target instanceof FaultTarget.WanLinksTarget) {
            return stack.topology().wanLinks().stream().map(Link::name).toList();
        }
        if (target instanceof FaultTarget.RegionTarget r) {
            String region = r.region().equals("leader") ? leaderRegion() : r.region();
            return stack.topology().linksIntoRegion(region).stream().map(Link::name).toList();
        }
        throw new IllegalArgumentException("a link fault cannot target " + target);
    }

    private io.exchangechaos.fault.Fault linkFault(Fault<?> fault, String link) {
        NetworkFaults network = networks.computeIfAbsent(stack.toxiproxyUrl(link), url -> NetworkFaults.connect(url, recorder));
        if (fault instanceof Fault.Latency l) {
            return network.latency(link, l.latency(), l.jitter(), direction(l.stream()));
        }
        if (fault instanceof Fault.Bandwidth b) {
            return network.bandwidth(link, b.rateKBps(), Direction.BOTH);
        }
        if (fault instanceof Fault.Blackhole) {
            return network.blackhole(link);
        }
        if (fault instanceof Fault.Reset) {
            return network.reset(link);
        }
        if (fault instanceof Fault.Partition) {
            return network.partition(link);
        }
        if (fault instanceof Fault.SlowClose s) {
            return network.slowClose(link, s.delay());
        }
        throw new IllegalArgumentException("not a link fault: " + fault);
    }

    private static Direction direction(LinkStream stream) {
        return switch (stream) {
            case UPSTREAM -> Direction.UPSTREAM;
            case DOWNSTREAM -> Direction.DOWNSTREAM;
            case BOTH -> Direction.BOTH;
        };
    }

    private io.exchangechaos.fault.Fault dependencyFault(Fault.Dependency dep, String service) {
        DependencyFaults faults = DependencyFaults.connect(stack.serviceUrl(service).toString(), recorder);
        Endpoint endpoint = Endpoint.post(dep.endpoint().orElse("/credit-check"));
        Duration delay = dep.delay().orElse(Duration.ofSeconds(3));
        return switch (dep.mode()) {
            case DELAY -> faults.fixedDelay(endpoint, delay);
            case RANDOM_DELAY -> faults.randomDelay(endpoint, delay.dividedBy(2), delay.multipliedBy(3).dividedBy(2));
            case DRIBBLE -> faults.chunkedDribble(endpoint, 10, delay);
            case ERROR -> faults.serverError(endpoint, dep.status().orElse(503));
            case CONNECTION_RESET -> faults.connectionReset(endpoint);
            case EMPTY_RESPONSE -> faults.emptyResponse(endpoint);
            case MALFORMED_CHUNK -> faults.malformedChunk(endpoint);
        };
    }

    private String read(String file) {
        Path p = scenarioDir.resolve(file);
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("config file [" + p + "] cannot be read", e);
        }
    }

    public static String typeOf(Fault<?> fault) {
        return fault.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

}
