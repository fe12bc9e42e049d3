package io.exchangechaos.core.fault;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.fault.FaultInjectionException;
import io.exchangechaos.fault.FaultRecorder;
import io.exchangechaos.fault.config.BadConfig;
import io.exchangechaos.fault.config.ConfigPush;
import io.exchangechaos.fault.container.ContainerFaults;
import io.exchangechaos.fault.container.ContainerRef;
import io.exchangechaos.fault.container.Containers;
import io.exchangechaos.fault.dependency.DependencyFaults;
import io.exchangechaos.fault.dependency.StubEndpoint;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a scenario's timeline step into real faults on a running stack, through the injectors only: every fault is
 * in the ledger before it touches anything, and {@link ActiveStep#heal()} undoes it. Dynamic targets ("the
 * leader's region") are resolved when a step is {@linkplain #prepare prepared}, a moment before it is due.
 *
 * <p>A fault's parts (a region's three links, say) are applied at once, each on a thread of its own, and so are the
 * steps due at the same moment ({@link #injectTogether}): a step must not wait for the one before it, or "at 20 s" means
 * 20.6 s for the second fault of a pair (measured: region-blackhole's freeze landed 0.6-0.9 s after its offset while
 * three links were blackholed one after another).
 */
public final class FaultExecutor {
    private final Stack stack;
    private final FaultRecorder recorder;
    private final Path scenarioDir;

    public FaultExecutor(Stack stack, FaultRecorder recorder, Path scenarioDir) {
        this.stack = stack;
        this.recorder = recorder;
        this.scenarioDir = scenarioDir;
    }

    /**
     * What became of one step: its fault, when it was in effect (every part's action had reached its target: the
     * signal sent, the toxic accepted) and when its injection returned (a killed process gone, too), or why it could
     * not be injected.
     */
    public record Injected(TimelineStep step, ActiveStep fault, Instant inEffect, Instant done, RuntimeException error,
                           boolean cancelled, Duration readyLate) {
    }

    /**
     * Steps prepared ahead of their moments ({@link #prepare}): each on a thread of its own, its target resolved and
     * its faults on record, waiting to be applied. A step whose injection does not return in time is
     * {@linkplain #abandonOverdue abandoned}: it is reported as not applied, and whatever it applies after that is
     * healed as soon as its injection returns, so a hung call can delay nothing but itself.
     */
    public static final class Prepared {
        private final List<Pending> pending;

        private Prepared(List<Pending> pending) {
            this.pending = pending;
        }

        /** True once every step is in effect, has failed or was abandoned. */
        public boolean isDone() {
            return pending.stream().allMatch(p -> p.result().isDone());
        }

        /** Waits for every step; in the order they were given. */
        public List<Injected> await() {
            return pending.stream().map(p -> p.result().join()).toList();
        }

        /**
         * Waits for every step until it is in effect or {@link #inEffectWithin} after its moment has passed, and no
         * longer than {@code notAfterNanos} (on the {@link System#nanoTime()} clock), abandoning each not done by then;
         * in the order they were given.
         */
        public List<Injected> awaitInEffect(long notAfterNanos) {
            List<Injected> done = new ArrayList<>();
            for (Pending p : pending) {
                long deadline = Math.min(notAfterNanos, p.dueNanos() + inEffectWithin(p.step()).toNanos());
                try {
                    done.add(p.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    p.abandon();
                    done.add(p.result().join());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return done;
        }

        /**
         * Abandons every step not in effect {@link #inEffectWithin} after its moment, as of {@code nowNanos}; true if
         * any was.
         */
        public boolean abandonOverdue(long nowNanos) {
            boolean any = false;
            for (Pending p : pending) {
                if (!p.result().isDone() && nowNanos - p.dueNanos() > inEffectWithin(p.step()).toNanos()) {
                    any |= p.abandon();
                }
            }
            return any;
        }

        /** Steps whose moment has not come are not applied (they fail as cancelled); those applied stay in force. */
        public void cancel() {
            pending.forEach(p -> p.moment().cancel());
        }
    }

    /** One step being injected on {@code thread}; {@code result} is completed by the injection, or by abandoning it. */
    private record Pending(TimelineStep step, FaultRecorder.Moment moment, long dueNanos,
                           CompletableFuture<Injected> result, Thread thread) {

        /** Reports the step as not applied and cancels its moment, unless its injection finished first. */
        boolean abandon() {
            double late = (System.nanoTime() - dueNanos) / 1e9;
            String message = String.format(Locale.ROOT, "not in effect %.1f s after its offset: its injection"
                + " had not returned%s; abandoned, and anything it applies later is healed at once", Math.max(0, late),
                stuckIn(thread));
            boolean first = result.complete(new Injected(step, null, null, Instant.now(),
                new FaultInjectionException(message, null), false, moment.lateBy()));
            if (first) {
                moment.cancel();
            }
            return first;
        }
    }

    /**
     * How long after its offset a step may take to be in effect before it is abandoned: 5 s, plus what its action may
     * itself wait for (a kill waits for the processes to exit, a restart for them to stop and start again). Faults on
     * this machine are in effect milliseconds after their offset (BENCHMARKS.md), container cuts well under a second;
     * a fault 5 s late no longer tests what its scenario says, and a call that has not returned by then has hung.
     */
    public static Duration inEffectWithin(TimelineStep step) {
        Duration actionWaits = step.fault() instanceof Fault.Restart ? ProcessControl.EXIT_TIMEOUT.multipliedBy(2)
            : step.fault() instanceof Fault.Kill || step.fault() instanceof Fault.Terminate ? ProcessControl.EXIT_TIMEOUT
            : Duration.ZERO;
        return IN_EFFECT_WITHIN.plus(actionWaits);
    }

    private static final Duration IN_EFFECT_WITHIN = Duration.ofSeconds(5);

    /** Where a hung injection waits, for its report: the innermost frame of the harness on its thread. */
    private static String stuckIn(Thread thread) {
        for (StackTraceElement e : thread.getStackTrace()) {
            if (e.getClassName().startsWith("io.exchangechaos.")) {
                String cls = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1);
                return " (waiting in " + cls + "." + e.getMethodName() + ")";
            }
        }
        return "";
    }

    /**
     * Injects steps due at the same moment all at once, each on a thread of its own, and returns when every one is in
     * effect (or failed), in the order given. If any of them targets the leader, the leader is asked once, before
     * anything is applied, and every step gets that answer: a step freezing the leader's region must not leave
     * another unable to ask who led.
     */
    public List<Injected> injectTogether(List<TimelineStep> steps) {
        long now = System.nanoTime();
        return prepare(steps, s -> now).await();
    }

    /**
     * Starts injecting {@code steps} now and applies each at its own moment ({@code dueNanos}, on the
     * {@link System#nanoTime()} clock): whatever can be done ahead is done before it (who leads, which processes and
     * links, the ledger's write and sync), so at the moment only the action itself is left. The leader is asked
     * once for all of them. Call it shortly before the moments: a target resolved ahead is not asked again.
     */
    public Prepared prepare(List<TimelineStep> steps, java.util.function.ToLongFunction<TimelineStep> dueNanos) {
        Supplier<Optional<String>> leader = stack::leaderService;
        if (steps.stream().anyMatch(s -> targetsLeader(s.target()))) {
            Optional<String> now = leader.get();
            leader = () -> now;
        }
        Supplier<Optional<String>> asked = leader;
        List<Pending> pending = new ArrayList<>();
        for (TimelineStep s : steps) {
            long due = dueNanos.applyAsLong(s);
            FaultRecorder.Moment moment = FaultRecorder.Moment.atNanoTime(due);
            CompletableFuture<Injected> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                Injected in = injectCatching(s, moment, asked);
                if (!result.complete(in) && in.fault() != null) {
                    healAbandoned(in.fault());
                }
            }, "inject");
            thread.setDaemon(true);
            pending.add(new Pending(s, moment, due, result, thread));
            thread.start();
        }
        return new Prepared(pending);
    }

    /** A step abandoned as hung whose injection did return after all, with its fault in force: healed at once. */
    private static void healAbandoned(ActiveStep fault) {
        Logger log = LoggerFactory.getLogger(FaultExecutor.class);
        try {
            fault.heal();
            log.warn("[{}] was applied after it had been abandoned as hung; healed it at once", fault.step());
        } catch (RuntimeException e) {
            log.warn("[{}] was applied after it had been abandoned as hung, and could not be healed: {}; run ./chaos"
                + " cleanup", fault.step(), e.toString());
        }
    }

    private Injected injectCatching(TimelineStep step, FaultRecorder.Moment moment, Supplier<Optional<String>> leader) {
        try {
            ActiveStep fault = inject(step, new Context(recorder.at(moment), moment, leader));
            return new Injected(step, fault, fault.injectedAt(), Instant.now(), null, false, moment.lateBy());
        } catch (RuntimeException e) {
            return new Injected(step, null, null, Instant.now(), e,
                e.getCause() instanceof java.util.concurrent.CancellationException, moment.lateBy());
        }
    }

    /** What one injection works with: the recorder (perhaps waiting for a moment) and who leads. */
    private record Context(FaultRecorder recorder, FaultRecorder.Moment moment, Supplier<Optional<String>> leader) {
        /** For actions that are not recorded faults (a restart): waits for the moment itself. */
        void awaitMoment(String what) {
            if (moment != null && !moment.await()) {
                throw new FaultInjectionException("did not " + what + ": cancelled before its moment",
                    new java.util.concurrent.CancellationException("cancelled before its moment"));
            }
        }
    }

    /**
     * Takes each injector {@code steps} will use through the motions once, without touching the system under test:
     * a read (the Toxiproxy API for each link, the DNS server, WireMock's admin API, a service's config), and for
     * toxics the same write to a scratch proxy nothing uses (created, a toxic added and removed, deleted), recorded and
     * healed like any fault. So the first fault does not pay for loading a client: the first dependency fault of a run
     * was ready 2.4 s after its offset while WireMock's client loaded, and twelve toxics took 63-91 ms in a fresh JVM
     * with the reads alone, 27-46 ms with the scratch proxy (a scratch DNS fault or stub first gained nothing). Best
     * effort: a step that fails is logged, and the fault itself reports what is wrong.
     */
    public void warmUp(List<TimelineStep> steps) {
        java.util.Set<String> written = new java.util.HashSet<>();
        for (TimelineStep step : steps) {
            FaultTarget target = step.target();
            try {
                if (target instanceof FaultTarget.DependencyTarget d) {
                    // a read only: a stub on a scratch path first (measured 2026-11-27) did not bring the first
                    // dependency fault nearer its offset; what is left is the dependency answering its admin API
                    // while it serves the load
                    DependencyFaults.connect(stack.serviceUrl(d.service()).toString(), recorder).stubCount();
                } else if (target instanceof FaultTarget.ConfigTarget c) {
                    ConfigPush.connect(stack.serviceUrl(c.service()).toString(), recorder).currentConfig();
                } else if (target instanceof FaultTarget.DnsTarget) {
                    stack.dns().faults();
                } else if (step.fault() instanceof Fault.Latency || step.fault() instanceof Fault.Bandwidth
                    || step.fault() instanceof Fault.Blackhole || step.fault() instanceof Fault.Reset
                    || step.fault() instanceof Fault.SlowClose
                    || step.fault() instanceof Fault.Partition && stack.facet(Containers.class).isEmpty()) {
                    Context now = new Context(recorder, null, stack::leaderService);
                    for (String link : links(target, now)) {
                        NetworkFaults network = NetworkFaults.connect(stack.toxiproxyUrl(link), recorder);
                        network.toxicNames(link);
                        if (written.add("toxiproxy " + network.apiUrl())) {
                            network.warmUp();
                        }
                    }
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(FaultExecutor.class).info("warming up for [{}]: {}", step.name(),
                    e.toString());
            }
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

    /** Injects one step now. */
    public ActiveStep inject(TimelineStep step) {
        return inject(step, new Context(recorder, null, stack::leaderService));
    }

    private ActiveStep inject(TimelineStep step, Context cx) {
        FaultRecorder recorder = cx.recorder();
        Instant at = Instant.now();
        Fault<?> fault = step.fault();
        FaultTarget target = step.target();
        List<io.exchangechaos.fault.InjectedFault> parts = new ArrayList<>();
        String resolved;
        try {
            Optional<Containers> containers = stack.facet(Containers.class);
            if (containers.isPresent() && (fault instanceof Fault.Kill || fault instanceof Fault.Terminate
                || fault instanceof Fault.Freeze || fault instanceof Fault.Restart
                || fault instanceof Fault.Partition && target instanceof FaultTarget.RegionTarget
                || fault instanceof Fault.Partition && target instanceof FaultTarget.BetweenTarget)) {
                resolved = containerFault(containers.get(), fault, target, parts, cx);
            } else if (target instanceof FaultTarget.BetweenTarget between) {
                // every link's proxy serves all regions alike, so no set of proxies cuts exactly one pair apart
                throw new UnsupportedOperationException("a partition " + between.describe() + " needs --backend docker:"
                    + " on local processes each link's proxy carries every region's traffic into its service, so cutting"
                    + " it would cut the other regions too; run with --backend docker, or partition a whole region");
            } else if (fault instanceof Fault.Kill || fault instanceof Fault.Terminate || fault instanceof Fault.Freeze
                || fault instanceof Fault.Restart) {
                resolved = processFault(fault, target, parts, cx);
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
                parts.add(dependencyFault(dep, service, recorder));
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
                List<String> links = links(target, cx);
                applyTogether(links.stream().<Supplier<io.exchangechaos.fault.InjectedFault>>map(l -> () -> linkFault(fault, l, recorder)).toList(),
                    parts);
                resolved = "links " + links;
            }
        } catch (RuntimeException e) {
            // undo whatever part did apply before reporting the failure
            new ActiveStep(step.name(), typeOf(fault), target.toString(), at, parts).heal();
            throw e;
        }
        // injected when its last part was in effect, not when it was prepared ahead of its moment
        Instant inEffect = parts.stream().map(io.exchangechaos.fault.InjectedFault::appliedAt).max(Instant::compareTo)
            .orElseGet(Instant::now);
        return new ActiveStep(step.name(), typeOf(fault), resolved, inEffect, List.copyOf(parts));
    }

    /**
     * Applies every part at once, each on a thread of its own, adding those that applied to {@code parts} (in the
     * order given); if any failed, throws its error once all have finished, so the caller heals the ones that did.
     */
    private static void applyTogether(List<Supplier<io.exchangechaos.fault.InjectedFault>> each, List<io.exchangechaos.fault.InjectedFault> parts) {
        if (each.size() == 1) {
            parts.add(each.get(0).get());
            return;
        }
        List<CompletableFuture<io.exchangechaos.fault.InjectedFault>> applying = each.stream()
            .map(s -> CompletableFuture.supplyAsync(s, FaultExecutor::onOwnThread)).toList();
        RuntimeException failed = null;
        for (CompletableFuture<io.exchangechaos.fault.InjectedFault> f : applying) {
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

    private String processFault(Fault<?> fault, FaultTarget target, List<io.exchangechaos.fault.InjectedFault> parts, Context cx) {
        ProcessControl processes = new ProcessControl(cx.recorder());
        if (target instanceof FaultTarget.RegionTarget r) {
            String region = r.region().equals("leader") ? leaderRegion(cx) : r.region();
            ProcessGroup group = stack.region(region);
            if (fault instanceof Fault.Restart) {
                cx.awaitMoment("restart " + group.name());
                group.members().forEach(p -> restart(processes, p));
            } else {
                parts.add(fault instanceof Fault.Kill ? processes.kill(group)
                    : fault instanceof Fault.Terminate ? processes.terminate(group) : processes.freeze(group));
            }
            return "region " + region;
        }
        String service = ((FaultTarget.ServiceTarget) target).service();
        if (service.equals("leader")) {
            service = cx.leader().get().orElseThrow(() -> new IllegalStateException("no engine leads now"));
        }
        var process = stack.process(service);
        if (fault instanceof Fault.Restart) {
            cx.awaitMoment("restart " + service);
            restart(processes, process);
        } else {
            parts.add(fault instanceof Fault.Kill ? processes.kill(process)
                : fault instanceof Fault.Terminate ? processes.terminate(process) : processes.freeze(process));
        }
        return "service " + service;
    }

    /**
     * On containers: kill (SIGKILL from here to each container's first process where the engine runs on this
     * machine, else {@code docker kill}: {@link ContainerFaults#kill}), terminate ({@code docker stop}), freeze ({@code docker pause}),
     * restart ({@code docker restart}), and a partition of a region cuts all its containers off its WAN networks
     * (their interfaces there taken down inside each container's network namespace where the engine runs on this
     * machine, else {@code docker network disconnect}: {@link ContainerFaults#disconnect}): cut in both directions
     * while it keeps running; a partition between two regions cuts both off the one WAN network they share.
     */
    private String containerFault(Containers docker, Fault<?> fault, FaultTarget target,
                                  List<io.exchangechaos.fault.InjectedFault> parts, Context cx) {
        ContainerFaults containers = new ContainerFaults(cx.recorder());
        List<ContainerRef> refs;
        String what;
        if (target instanceof FaultTarget.BetweenTarget between) {
            String a = between.regions().get(0);
            String b = between.regions().get(1);
            parts.add(containers.disconnect("regions " + a + " and " + b + " from each other", docker.pairAttachments(a, b)));
            return "between " + a + " and " + b + " (cut apart on their WAN network)";
        }
        if (target instanceof FaultTarget.RegionTarget r) {
            String region = r.region().equals("leader") ? leaderRegion(cx) : r.region();
            if (fault instanceof Fault.Partition) {
                parts.add(containers.disconnect("region " + region + " from the WAN", docker.wanAttachments(region)));
                return "region " + region + " (cut off from the WAN)";
            }
            refs = docker.containersIn(region);
            what = "region " + region;
        } else {
            String service = ((FaultTarget.ServiceTarget) target).service();
            if (service.equals("leader")) {
                service = cx.leader().get().orElseThrow(() -> new IllegalStateException("no engine leads now"));
            }
            refs = List.of(docker.container(service));
            what = "service " + service;
        }
        if (fault instanceof Fault.Restart) {
            cx.awaitMoment("restart " + what);
            refs.forEach(containers::restart);
        } else {
            parts.add(fault instanceof Fault.Kill ? containers.kill(what, refs)
                : fault instanceof Fault.Terminate ? containers.stop(what, refs) : containers.pause(what, refs));
        }
        return what + " (containers)";
    }

    private static void restart(ProcessControl processes, io.exchangechaos.fault.process.ManagedProcess p) {
        try {
            processes.restart(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted restarting " + p.name(), e);
        }
    }

    private String leaderRegion(Context cx) {
        String leader = cx.leader().get().orElseThrow(() -> new IllegalStateException(
            "no engine leads now, so there is no leader's region to target"));
        return stack.topology().regionOf(leader);
    }

    private List<String> links(FaultTarget target, Context cx) {
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
            String region = r.region().equals("leader") ? leaderRegion(cx) : r.region();
            return stack.topology().linksIntoRegion(region).stream().map(Link::name).toList();
        }
        throw new IllegalArgumentException("a link fault cannot target " + target);
    }

    private io.exchangechaos.fault.InjectedFault linkFault(Fault<?> fault, String link, FaultRecorder recorder) {
        NetworkFaults network = NetworkFaults.connect(stack.toxiproxyUrl(link), recorder);
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

    private io.exchangechaos.fault.InjectedFault dependencyFault(Fault.Dependency dep, String service, FaultRecorder recorder) {
        DependencyFaults faults = DependencyFaults.connect(stack.serviceUrl(service).toString(), recorder);
        StubEndpoint endpoint = StubEndpoint.post(dep.endpoint().orElse("/credit-check"));
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
