package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Backends;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackRequest;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.check.CheckContext;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.load.GatlingLoadDriver;
import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.load.LoadPlan;
import io.exchangechaos.core.scenario.AbortCondition;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioYaml;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.secret.Redactions;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.BudgetEvaluator;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Measurements;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: heal leftovers, start the stack, wait for the steady state, drive the load while the
 * timeline injects and heals faults, check the steady state again, reconcile every order, judge the budgets and
 * invariants, and write the reports. Faults are healed in {@code finally}; an abort (SIGINT, an operator, an abort
 * condition) still heals everything and writes a report.
 */
public final class ScenarioRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    /**
     * How long before its offset a step is prepared (its target resolved, its faults on record), so that at the
     * offset only the action is left. Long enough for the leader's question and the ledger's syncs (one per link or
     * process group, each slow on a loaded machine); short enough that a leader found then still leads at the offset.
     */
    static final Duration PREPARE_AHEAD = Duration.ofSeconds(1);
    /** How long an operator's abort waits for injections under way before giving them up: it must stop within seconds. */
    static final Duration ABORT_WAITS_FOR_INJECTIONS = Duration.ofSeconds(2);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final RunOptions options;
    private volatile String abortReason;
    private final CountDownLatch finished = new CountDownLatch(1);

    public ScenarioRunner(RunOptions options) {
        this.options = options;
    }

    /** The result of a run: its outcome and where its files are. */
    public record Result(RunOutcome outcome, Path runDir) {
    }

    /** Asks a running scenario to stop: faults are healed, a report is written, the verdict is ABORTED. */
    public void abort(String reason) {
        abortReason = reason;
    }

    /** Waits for a run to finish after {@link #abort}: what a SIGINT hook calls. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Result run(Scenario written, Path scenarioFile) throws IOException {
        try {
            return doRun(written, scenarioFile);
        } finally {
            finished.countDown();
        }
    }

    private Result doRun(Scenario written, Path scenarioFile) throws IOException {
        Backend backend = Backends.named(options.backend());
        Scenario scenario = applyOverrides(written);
        Instant startedAt = Instant.now();
        String stamp = RUN_STAMP.format(startedAt);
        Path runDir = createRunDir(options.outRoot(), scenario.name(), stamp);
        space = new RunDirSpace(runDir);
        linkLatest(runDir);
        String runId = scenario.name() + "-" + stamp;
        Weakness weakness = options.weakness().orElse(scenario.target().weakness());
        TopologyRef topologyRef = options.topology().orElse(scenario.target().topology());
        long seed = options.seed().orElse(1L);

        RunState state = new RunState(runId, scenario, scenarioFile, startedAt, topologyRef.spec(), weakness);
        Secrets.Builder given = Secrets.builder()
            .text(options.toxiproxy().map(Object::toString).orElse(null)).text(ScenarioYaml.write(scenario));
        options.signer().ifPresent(s -> s.secretValues().forEach(given::value));
        // one tally for everything redacted before the reports, which report.json then summarises
        state.secrets = Secrets.ofThisProcess(List.of()).and(given.build()).countingInto(new Redactions());
        Files.writeString(runDir.resolve("scenario.yaml"), state.secrets.redact(ScenarioYaml.write(scenario)));
        FaultRecorder recorder = FaultRecorder.using(new FaultLedger(options.ledger()));
        // what dead runs of this backend left (containers, say) could be in the way of its stack: swept before the
        // ledger's faults are healed; what other backends' runs left cannot, and is swept meanwhile
        List<String> swept = backend.sweepLeftovers(false);
        CleanupReport leftovers = Cleanup.of(recorder.ledger()).withoutSweep().run().withContainers(swept);
        CompletableFuture<List<String>> containerSweep = CompletableFuture.supplyAsync(() -> Backends.all().stream()
            .filter(b -> !b.name().equals(backend.name())).flatMap(b -> b.sweepLeftovers(false).stream()).toList(),
            daemonExecutor("container-sweep"));
        if (!leftovers.items().isEmpty()) {
            options.progress().event("healed leftovers of an earlier run before starting:\n" + leftovers.format());
        }

        ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
        Stack stack = null;
        List<ActiveStep> faults = new CopyOnWriteArrayList<>();
        Thread stackWarmUp = null;
        // the load generator warms up while the stack starts, against a stand-in on loopback: its first run in a
        // JVM is slow, and the baseline must measure the exchange, not the harness warming up
        Thread warmUp = new Thread(() -> warmUpLoadGenerator(scenario, adapter, runId), "load-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        try {
            options.progress().stage("starting the " + topologyRef.spec() + " stack (" + options.backend() + ")");
            Topology topology = Topologies.load(Topologies.resolve(topologyRef, scenarioFile == null ? null
                : scenarioFile.toAbsolutePath().getParent()), weakness);
            Secrets.Builder fromTopology = Secrets.builder();
            topology.services().forEach(s -> fromTopology.command(s.start()));
            state.secrets = state.secrets.and(fromTopology.build());
            stack = backend.start(new StackRequest(topology, weakness, runDir, recorder).withToxiproxy(options.toxiproxy()));

            SteadyStateProbe probe = new SteadyStateProbe(adapter, stack.entrypoints());
            // the steady state's probes alone leave the stack's JVMs too cold for a baseline: a few seconds of the real
            // load path through every gateway. It starts once the stack serves orders, while the steady state is still
            // being held (after the load generator's own warm-up: one Gatling run at a time)
            List<URI> entrypoints = stack.entrypoints();
            stackWarmUp = new Thread(() -> {
                joinQuietly(warmUp);
                warmUp(scenario, adapter, entrypoints, 11, runId + "-warm-stack");
            }, "stack-warm-up");
            stackWarmUp.setDaemon(true);
            options.progress().stage("steady state (warm-up)");
            state.steadyBefore = probe.await(scenario.steadyState(), runId + "-ss-before",
                scenario.load().rate().perSecond(), true, this::aborted, stackWarmUp::start);
            if (warmUp.isAlive()) {
                options.progress().stage("warming up the load generator");
                joinQuietly(warmUp);
            }
            if (!state.steadyBefore.held()) {
                if (!operatorAborted()) {
                    state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.STEADY_STATE_BEFORE,
                        "the stack never reached its steady state before the load: " + state.steadyBefore.detail()));
                }
                return finish(state, runDir, List.of(), null, adapter, stack);
            }
            if (stackWarmUp.isAlive()) {
                options.progress().stage("warming up the stack");
                joinQuietly(stackWarmUp);
            }
            reportSwept(containerSweep);
            state.totalsBefore = adapter.readState(stack.replicas().get(0), Duration.ofSeconds(10)).totals();

            List<Operation> ops;
            try (History history = History.create(runDir.resolve("history.jsonl"))) {
                ops = drive(scenario, stack, recorder, adapter, history, weakness, seed, runId, runDir, faults, state);
            } finally {
                healAll(faults, state);
            }
            if (operatorAborted()) {
                return finish(state, runDir, ops, null, adapter, stack);
            }
            options.progress().stage("steady state (after)");
            state.steadyAfter = probe.await(scenario.steadyState(), runId + "-ss-after",
                scenario.load().rate().perSecond(), false, this::aborted);
            if (!state.steadyAfter.held() && !operatorAborted()) {
                state.findings.add(new Finding(Verdict.FAIL, Finding.STEADY_STATE_AFTER,
                    "the steady state did not return after the faults were healed: " + state.steadyAfter.detail()));
            }
            options.progress().stage("reconciling every order");
            Reconciled reconciled = reconcile(adapter, stack, ops, state);
            options.progress().stage("checking budgets and invariants");
            return finish(state, runDir, ops, reconciled, adapter, stack);
        } catch (StackStartException e) {
            state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.STACK, String.valueOf(e.getMessage())));
            return finish(state, runDir, List.of(), null, adapter, null);
        } finally {
            healAll(faults, state);
            if (stack != null) {
                stack.close();
            }
            joinQuietly(warmUp);  // a run that ended early must not leave a load generator behind
            joinQuietly(stackWarmUp);
            containerSweep.exceptionally(e -> List.of()).join();
        }
    }

    private static Executor daemonExecutor(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private void reportSwept(CompletableFuture<List<String>> sweep) {
        try {
            List<String> removed = sweep.join();
            if (!removed.isEmpty()) {
                options.progress().event("removed containers of an earlier run:\n  " + String.join("\n  ", removed));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not sweep containers of earlier runs: {}", e.toString());
        }
    }

    /**
     * The load generator's warm-up, against {@link WarmUpEndpoint} while the stack starts: Gatling's first seconds in
     * a fresh JVM are slow (class loading, compilation), and the baseline must measure the exchange, not the harness.
     */
    private void warmUpLoadGenerator(Scenario scenario, ExchangeAdapter adapter, String runId) {
        try (WarmUpEndpoint endpoint = WarmUpEndpoint.start()) {
            warmUp(scenario, adapter, List.of(endpoint.uri()), 7, runId + "-warmup");
        } catch (IOException e) {
            LOG.warn("load generator warm-up did not start: {}", e.toString());
        }
    }

    /** Five seconds of the scenario's order mix at a low rate through {@code entrypoints}, thrown away. */
    private void warmUp(Scenario scenario, ExchangeAdapter adapter, List<URI> entrypoints, long seed, String id) {
        Load load = scenario.load();
        Path dir = null;
        try {
            LoadPlan warm = new LoadPlan(Math.min(50, load.rate().perSecond()), Duration.ofSeconds(1), Duration.ofSeconds(5),
                List.of(), 0.8, 0.1, 0.1, load.symbols().isEmpty() ? adapter.defaultSymbols() : load.symbols(),
                load.accounts(), load.requestTimeout(), entrypoints, 0, true, 3, seed, id);
            dir = Files.createTempDirectory("exchange-chaos-warmup");
            try (History history = History.create(dir.resolve("history.jsonl"))) {
                new GatlingLoadDriver(dir).start(warm, adapter, history).exitCode().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("warm-up [{}] did not finish: {}", id, e.toString());
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.toString());
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t != null && t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean aborted() {
        stopIfRunDirFull(null);
        return operatorAborted();
    }

    /**
     * Stops the run, INCONCLUSIVE, once its run directory's file system is full or its history could not be written:
     * a run that cannot keep its evidence proves nothing, and the stack's own logs and data are there too.
     */
    private void stopIfRunDirFull(History history) {
        if (abortReason != null) {
            return;
        }
        Optional<String> why = history == null ? Optional.empty() : history.failure();
        if (why.isEmpty() && space != null) {
            why = space.full();
        }
        why.ifPresent(w -> {
            abortReasonFromHarness = w;
            abort(w);
            options.progress().event("stopping: " + w);
        });
    }

    /**
     * Creates {@code <outRoot>/<scenario>/<stamp>}, refusing to write anywhere else: a {@code <scenario>} that is a link
     * out of the root (planted in a shared directory) would take the run's files, perhaps written as root, elsewhere.
     */
    private static Path createRunDir(Path outRoot, String scenario, String stamp) throws IOException {
        Files.createDirectories(outRoot);
        Path runDir = outRoot.resolve(scenario).resolve(stamp);
        Files.createDirectories(runDir);
        Path realRoot = outRoot.toRealPath();
        if (!runDir.toRealPath().startsWith(realRoot)) {
            throw new IOException("the run directory [" + runDir + "] resolves to [" + runDir.toRealPath() + "], outside"
                + " the runs root [" + realRoot + "] (a symbolic link on the way); remove the link or pass another --out");
        }
        return runDir;
    }

    /** An abort by a person, a signal or the harness itself: stop at once. An abort condition only cuts the load short. */
    private boolean operatorAborted() {
        return abortReason != null && !abortReason.equals(abortReasonFromCondition);
    }

    private List<Operation> drive(Scenario scenario, Stack stack, FaultRecorder recorder, ExchangeAdapter adapter,
                                  History history, Weakness weakness, long seed, String runId, Path runDir,
                                  List<ActiveStep> faults, RunState state) {
        Load load = scenario.load();
        boolean failover = weakness != Weakness.NO_CLIENT_FAILOVER;
        int home = homeEntrypoint(stack);
        LoadPlan plan = new LoadPlan(load.rate().perSecond(), load.rampUp(), load.duration(),
            load.surges().stream().map(s -> new LoadPlan.Surge(s.at(), s.rate().perSecond(), s.duration())).toList(),
            load.mix().limit(), load.mix().market(), load.mix().cancel(),
            load.symbols().isEmpty() ? adapter.defaultSymbols() : load.symbols(), load.accounts(),
            load.requestTimeout(), stack.entrypoints(), home, failover, 3, seed, runId);
        options.progress().stage("load: " + plan.ratePerSecond() + " orders/s for " + load.duration().toSeconds()
            + " s through " + plan.entrypoints().size() + " entrypoints" + (failover ? "" : " (no failover: sticking to "
            + plan.entrypoints().get(home) + ")"));
        WarmUpEndpoint canary = null;
        try {
            canary = WarmUpEndpoint.start();
        } catch (IOException e) {
            LOG.warn("no canary for the load generator (it cannot measure its own delay): {}", e.toString());
        }
        try {
            return drive(scenario, stack, recorder, adapter, history, runDir, faults, state, plan, canary);
        } finally {
            if (canary != null) {
                canary.close();
            }
        }
    }

    private List<Operation> drive(Scenario scenario, Stack stack, FaultRecorder recorder, ExchangeAdapter adapter,
                                  History history, Path runDir, List<ActiveStep> faults, RunState state, LoadPlan plan,
                                  WarmUpEndpoint canary) {
        Load load = scenario.load();
        FaultExecutor executor = new FaultExecutor(stack, recorder,
            state.scenarioFile == null ? Path.of(".") : state.scenarioFile.toAbsolutePath().getParent());
        // the injectors' clients load while the load generator starts, not at the first fault's offset
        Thread warming = new Thread(() -> executor.warmUp(scenario.timeline()), "warm-injectors");
        warming.setDaemon(true);
        warming.start();
        GatlingLoadDriver.Running running = new GatlingLoadDriver(runDir.resolve("gatling"))
            .start(plan, adapter, history, canary == null ? null : canary.uri());
        state.plannedArrivals = running.plannedArrivals();
        waitForLoadStart(running);
        long loadStart = running.startMicros();
        state.loadStartMicros = loadStart;

        List<TimelineStep> pending = new ArrayList<>(scenario.timeline());
        List<FaultExecutor.Prepared> preparing = new ArrayList<>();
        Map<ActiveStep, Duration> healAt = new LinkedHashMap<>();
        Map<ActiveStep, TimelineStep> stepOf = new LinkedHashMap<>();
        Duration end = load.duration();
        int badSeconds = 0;
        long nextTick = System.nanoTime();
        while (!running.exitCode().isDone() && abortReason == null) {
            Duration now = Duration.ofNanos((LoadClock.nowMicros() - loadStart) * 1000);
            for (var it = healAt.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (now.compareTo(e.getValue()) >= 0) {
                    heal(e.getKey(), state);
                    it.remove();
                }
            }
            // steps due within PREPARE_AHEAD are prepared now and go in at their moments, each on its own thread:
            // the leader's question and the ledger's sync are done before the offset, not after it
            List<TimelineStep> due = new ArrayList<>();
            while (!pending.isEmpty() && now.plus(PREPARE_AHEAD).compareTo(pending.get(0).at()) >= 0
                && pending.get(0).at().compareTo(end) < 0) {
                TimelineStep step = pending.remove(0);
                StepGate.Decision d = options.gate().beforeStep(step, expectedEffect(step));
                if (d == StepGate.Decision.ABORT) {
                    abort("operator aborted before step [" + step.name() + "]");
                    break;
                }
                if (d == StepGate.Decision.SKIP) {
                    options.progress().event("skipped [" + step.name() + "]");
                    state.skipped.add(step.name());
                    continue;
                }
                due.add(step);
            }
            if (!due.isEmpty()) {
                long nanoNow = System.nanoTime();
                long elapsedNanos = (LoadClock.nowMicros() - loadStart) * 1000;
                preparing.add(executor.prepare(due, st -> nanoNow + st.at().toNanos() - elapsedNanos));
            }
            for (var it = preparing.iterator(); it.hasNext(); ) {
                FaultExecutor.Prepared p = it.next();
                // a step whose injection hangs is given up on, so it cannot hold the rest of the timeline
                p.abandonOverdue(System.nanoTime());
                if (p.isDone()) {
                    it.remove();
                    for (FaultExecutor.Injected in : record(p.await(), loadStart, state, Double.MAX_VALUE)) {
                        faults.add(in.fault());
                        healAt.put(in.fault(), in.step().healsAt(end));
                        stepOf.put(in.fault(), in.step());
                    }
                }
            }
            if (System.nanoTime() >= nextTick) {
                nextTick += 1_000_000_000L;
                LiveStats.Interval i = running.live().interval();
                Phase phase = phaseAt(scenario, now);
                options.progress().tick(new ProgressListener.Tick(phase.id(), now.toMillis() / 1000.0,
                    Math.max(0, end.minus(now).toMillis() / 1000.0), i.ok(), i.failed() + i.unknown(), i.p99Millis(),
                    faults.stream().filter(f -> healAt.containsKey(f)).map(f -> f.step() + " → " + f.target()).toList()));
                badSeconds = checkAbort(scenario.abort(), i, badSeconds);
                stopIfRunDirFull(history);
            }
            sleep(untilNextStep(pending, preparing, now));
        }
        // steps prepared but not yet due are not applied now; any that did go in are healed like the rest. Those under
        // way get until they are overdue, and on an operator's abort a moment more at most: nothing hung holds the stop
        double stoppedAt = (LoadClock.nowMicros() - loadStart) / 1e6;
        long notAfter = operatorAborted() ? System.nanoTime() + ABORT_WAITS_FOR_INJECTIONS.toNanos() : Long.MAX_VALUE;
        for (FaultExecutor.Prepared p : preparing) {
            p.cancel();
            for (FaultExecutor.Injected in : record(p.awaitInEffect(notAfter), loadStart, state, stoppedAt)) {
                faults.add(in.fault());
                healAt.put(in.fault(), in.step().healsAt(end));
                stepOf.put(in.fault(), in.step());
            }
        }
        if (abortReason != null) {
            state.stoppedEarly = true;
            running.stop();
            // let operations under way finish, so the history holds every answer that came
            long drainDeadline = System.nanoTime() + load.requestTimeout().multipliedBy(3).plusSeconds(2).toNanos();
            while (running.inFlight() > 0 && System.nanoTime() < drainDeadline) {
                sleep(50);
            }
        } else {
            try {
                running.exitCode().get(load.duration().toSeconds() + 60, TimeUnit.SECONDS);
            } catch (Exception e) {
                state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.LOAD,
                    "the load generator did not finish cleanly: " + e));
            }
        }
        state.startedArrivals = running.arrivals();
        state.canary = canary == null ? null : running.canary();
        history.flush();
        state.historyFailure = history.failure().orElse(null);
        return history.operations().stream().sorted(Comparator.comparingLong(Operation::index)).toList();
    }

    private int checkAbort(List<AbortCondition> conditions, LiveStats.Interval i, int badSeconds) {
        if (conditions.isEmpty() || i.total() == 0) {
            return badSeconds;
        }
        AbortCondition c = conditions.get(0);
        int bad = i.errorRatio() > c.errorRatioAbove() ? badSeconds + 1 : 0;
        if (bad >= c.holdsFor().toSeconds()) {
            abortReasonFromCondition = "abort condition met: error ratio above " + pct(c.errorRatioAbove()) + " for "
                + c.holdsFor().toSeconds() + " s";
            abort(abortReasonFromCondition);
        }
        return bad;
    }

    private volatile String abortReasonFromCondition;
    /** Why the harness itself stopped the run (its run directory's disk is full): INCONCLUSIVE, not ABORTED. */
    private volatile String abortReasonFromHarness;
    private volatile RunDirSpace space;

    /**
     * How long the timeline loop may sleep: 20 ms, or less when a step is to be prepared sooner, or when a prepared
     * step's injection may be done sooner (it is collected on the next pass).
     */
    private long untilNextStep(List<TimelineStep> pending, List<FaultExecutor.Prepared> preparing, Duration now) {
        long ms = 20;
        if (!pending.isEmpty()) {
            ms = Math.min(ms, pending.get(0).at().minus(PREPARE_AHEAD).minus(now).toMillis());
        }
        if (!preparing.isEmpty()) {
            ms = Math.min(ms, 5);
        }
        return Math.max(1, ms);
    }

    /**
     * Records what became of steps injected together; returns those in effect, having recorded the ones that failed.
     * A step not applied whose offset came before the run stopped ({@code stoppedAt}, seconds since the load started)
     * was due: it makes the run INCONCLUSIVE, whether it failed, hung or was cancelled while it was late.
     */
    private List<FaultExecutor.Injected> record(List<FaultExecutor.Injected> results, long loadStart, RunState state,
                                                double stoppedAt) {
        List<FaultExecutor.Injected> active = new ArrayList<>();
        for (FaultExecutor.Injected r : results) {
            TimelineStep step = r.step();
            double at = step.at().toNanos() / 1e9;
            if (r.fault() != null) {
                ActiveStep f = r.fault();
                double inEffect = (LoadClock.micros(r.inEffect()) - loadStart) / 1e6;
                double done = (LoadClock.micros(r.done()) - loadStart) / 1e6;
                state.injectionLagMillis.add((inEffect - at) * 1000);
                options.progress().event(String.format("%.1fs injected [%s] on %s (in effect at %.3fs%s%s)", at,
                    step.name(), f.target(), inEffect,
                    done - inEffect >= 0.05 ? String.format(", done at %.2fs", done) : "",
                    r.readyLate().toMillis() > 0 ? ", ready " + r.readyLate().toMillis() + " ms after its offset" : ""));
                state.faultStart.put(f, inEffect);
                state.faultDue.put(f, step.at());
                active.add(r);
            } else if (at > stoppedAt) {
                // the run stopped (aborted, or the load ended) before this step's offset: as if it was never due
                options.progress().event(String.format("not injected [%s]: the run stopped at %.1fs, before its offset",
                    step.name(), stoppedAt));
            } else {
                String why = r.cancelled() ? String.format("it was not ready at its offset, and the run stopped at %.1fs"
                    + " before it was", stoppedAt) : r.error().getMessage();
                LOG.warn("could not inject [{}]: {}", step.name(), r.cancelled() ? why : r.error().toString());
                state.failedFaults.add(new RunOutcome.FaultWindow(step.name(), FaultExecutor.typeOf(step.fault()),
                    step.target().toString(), Instant.now(), Optional.empty(), step.at(), Optional.empty(),
                    Optional.ofNullable(why), Optional.of(step.at())));
                state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS,
                    "fault [" + step.name() + "] could not be injected: " + why));
                options.progress().event("could not inject [" + step.name() + "]: " + why);
            }
        }
        return active;
    }

    private void heal(ActiveStep f, RunState state) {
        try {
            f.heal();
            state.faultEnd.put(f, (LoadClock.nowMicros() - state.loadStartMicros) / 1e6);
            options.progress().event(String.format("%.1fs healed [%s]", state.faultEnd.get(f), f.step()));
        } catch (RuntimeException e) {
            state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS,
                "fault [" + f.step() + "] could not be healed: " + e.getMessage() + "; run ./chaos cleanup"));
        }
    }

    private void healAll(List<ActiveStep> faults, RunState state) {
        for (ActiveStep f : faults) {
            if (f.healedAt().isEmpty()) {
                heal(f, state);
            }
        }
    }

    private static String expectedEffect(TimelineStep step) {
        return step.name() + " for " + step.duration().map(d -> d.toSeconds() + " s").orElse("the rest of the load");
    }

    private int homeEntrypoint(Stack stack) {
        // a client without failover is homed where the engine leader lives, as a primary region would be
        Optional<String> leader = stack.leaderService();
        if (leader.isEmpty()) {
            return 0;
        }
        String region = stack.topology().regionOf(leader.get());
        List<Link> entries = stack.topology().entrypointLinks();
        for (int i = 0; i < entries.size(); i++) {
            if (region.equals(stack.topology().regionOf(entries.get(i).to()))) {
                return i;
            }
        }
        return 0;
    }

    private static void waitForLoadStart(GatlingLoadDriver.Running running) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running.startMicros() == 0 && !running.exitCode().isDone() && System.nanoTime() < deadline) {
            sleep(10);
        }
        if (running.startMicros() == 0) {
            throw new StackStartException("the load generator did not start within 60 s"
                + (running.exitCode().isCompletedExceptionally() ? ": " + running.exitCode().handle((c, e) -> e).join() : ""));
        }
    }

    private static Phase phaseAt(Scenario scenario, Duration t) {
        for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
            Optional<Scenario.Window> w = scenario.window(p);
            if (w.isPresent() && t.compareTo(w.get().start()) >= 0 && t.compareTo(w.get().end()) < 0) {
                return p;
            }
        }
        return Phase.OVERALL;
    }

    /** Reads every replica after they agree on how far they applied, then settles unknown outcomes. */
    private Reconciled reconcile(ExchangeAdapter adapter, Stack stack, List<Operation> ops, RunState state) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<ReplicaState> replicas = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            replicas.clear();
            unreachable.clear();
            for (var uri : stack.replicas()) {
                try {
                    replicas.add(adapter.readState(uri, Duration.ofSeconds(10)));
                } catch (IOException e) {
                    unreachable.put(uri.toString(), e.getMessage());
                }
            }
            boolean converged = unreachable.isEmpty()
                && replicas.stream().map(ReplicaState::appliedIndex).distinct().count() <= 1;
            if (converged || System.nanoTime() > deadline) {
                break;
            }
            sleep(500);
        }
        Map<String, Optional<OrderRecord>> resolutions = new LinkedHashMap<>();
        var entry = stack.entrypoints();
        for (Operation op : ops) {
            if (op.answer() == io.exchangechaos.core.adapter.Answer.Kind.UNKNOWN && op.isPlace()) {
                for (int attempt = 0; attempt < entry.size(); attempt++) {
                    try {
                        resolutions.put(op.clientOrderId(), adapter.query(entry.get(attempt), op.clientOrderId(),
                            Duration.ofSeconds(3)));
                        break;
                    } catch (IOException e) {
                        // try the next entrypoint
                    }
                }
            }
        }
        return new Reconciled(replicas, unreachable, resolutions);
    }

    private record Reconciled(List<ReplicaState> replicas, Map<String, String> unreachable,
                              Map<String, Optional<OrderRecord>> resolutions) {
    }

    private Result finish(RunState state, Path runDir, List<Operation> ops, Reconciled rec, ExchangeAdapter adapter,
                          Stack stack) throws IOException {
        Scenario scenario = state.scenario;
        List<RunOutcome.FaultWindow> windows = new ArrayList<>();
        state.faultStart.forEach((f, start) -> windows.add(new RunOutcome.FaultWindow(f.step(), f.type(), f.target(),
            f.injectedAt(), f.healedAt(), toMillis(start), Optional.ofNullable(state.faultEnd.get(f)).map(ScenarioRunner::toMillis),
            Optional.empty(), Optional.ofNullable(state.faultDue.get(f)))));
        windows.addAll(state.failedFaults);
        windows.sort(Comparator.comparing(RunOutcome.FaultWindow::start));

        Measurements m = new Measurements(ops, state.loadStartMicros, scenario);
        List<RunOutcome.SecondStats> perSecond = ops.isEmpty() ? List.of() : m.perSecond(scenario.load().duration());
        RunOutcome.Recovery recovery = scenario.budgets().recovery()
            .map(b -> BudgetEvaluator.recovery(perSecond, windows.stream().filter(RunOutcome.FaultWindow::injected).toList(), b))
            .orElse(RunOutcome.Recovery.NOT_MEASURED);
        long indeterminate = ops.stream().filter(o -> o.answer() == io.exchangechaos.core.adapter.Answer.Kind.UNKNOWN).count();

        List<RunOutcome.BudgetResult> budgets = List.of();
        List<RunOutcome.InvariantResult> invariants = List.of();
        RunOutcome.Orders orders = orders(ops, rec);
        if (abortReason != null) {
            boolean byCondition = abortReason.equals(abortReasonFromCondition);
            boolean byHarness = abortReason.equals(abortReasonFromHarness);
            state.findings.add(0, byCondition ? new Finding(Verdict.FAIL, Finding.ABORT, "load stopped early, " + abortReason)
                : byHarness ? new Finding(Verdict.INCONCLUSIVE, Finding.ABORT, "stopped early: " + abortReason)
                : new Finding(Verdict.ABORTED, Finding.ABORT, abortReason));
        } else if (RunDirSpace.check(runDir).isPresent()) {
            // full after the stack filled it, though the run was not stopped for it (the stack never started, say)
            state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.RUN, RunDirSpace.check(runDir).get()));
        } else if (state.historyFailure != null) {
            state.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.RUN,
                "history.jsonl is incomplete (" + state.historyFailure + ")"));
        }
        if (rec != null) {
            budgets = new BudgetEvaluator(m, windows).evaluate(scenario.budgets(), recovery, indeterminate);
            invariants = Checkers.check(scenario.invariants(), new CheckContext(ops, rec.replicas(),
                state.totalsBefore, rec.resolutions(), rec.unreachable()));
            budgets.stream().filter(b -> b.verdict() != Verdict.PASS)
                .forEach(b -> state.findings.add(new Finding(b.verdict(), b.name(), b.detail())));
            invariants.stream().filter(i -> i.verdict() != Verdict.PASS)
                .forEach(i -> state.findings.add(new Finding(i.verdict(), i.name(), "invariant [" + i.name() + "] "
                    + i.detail() + (i.examples().isEmpty() ? "" : "; e.g. " + i.examples().get(0)))));
        }
        RunOutcome.LoadQuality quality = LoadQualities.judge(state.plannedArrivals, state.startedArrivals,
            state.stoppedEarly, ops, state.canary);
        LoadQualities.inconclusive(quality, abortReason != null, ops.isEmpty()).ifPresent(state.findings::add);
        List<RunOutcome.PhaseWindow> phases = new ArrayList<>();
        for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
            scenario.window(p).ifPresent(w -> phases.add(new RunOutcome.PhaseWindow(p, w.start(), w.end())));
        }
        RunOutcome outcome = RunOutcome.builder()
            .runId(state.runId)
            .scenario(new RunOutcome.ScenarioInfo(scenario.name(), Optional.ofNullable(state.scenarioFile),
                Optional.ofNullable(sha256(runDir.resolve("scenario.yaml"))), scenario.incident(), scenario.description()))
            .topology(state.topology).backend(options.backend()).weakness(state.weakness.id())
            .startedAt(state.startedAt).finishedAt(Instant.now())
            .findings(state.findings).budgets(budgets).invariants(invariants).orders(orders)
            .latency(ops.isEmpty() ? Map.of() : m.latencyByPhase()).recovery(recovery)
            .faults(windows).phases(phases).perSecond(perSecond)
            .steadyState(new RunOutcome.SteadyStates(Optional.ofNullable(state.steadyBefore), Optional.ofNullable(state.steadyAfter)))
            .load(quality).notes(options.gate().notes()).environment(Environments.current(state.secrets))
            .build();
        outcome = RunReports.redact(outcome, state.secrets);
        if (options.signer().isPresent()) {
            outcome = outcome.signedBy(new RunOutcome.SignatureInfo(options.signer().get().keyId(),
                options.signer().get().algorithm()));
        }
        // the stack stops while the reports that need only the outcome and the history are written; the secret scrub
        // and the manifest wait for it, as they must see the stack's logs complete
        Thread stopping = null;
        if (stack != null) {
            options.progress().stage("stopping the stack, writing the report");
            Stack toStop = stack;
            stopping = new Thread(() -> {
                try {
                    toStop.close();
                } catch (RuntimeException e) {
                    LOG.warn("stopping the stack failed: {}", e.toString(), e);
                }
            }, "stack-stop");
            stopping.start();
        } else {
            options.progress().stage("writing the report");
        }
        Thread stopped = stopping;
        try {
            RunReports.write(outcome, runDir, state.secrets, () -> joinQuietly(stopped), options.signer());
        } catch (IOException e) {
            // the verdict stands on what the run saw, but without its reports nothing can be shown or checked again
            LOG.warn("reports not written: {}", e.getMessage());
            outcome = outcome.inconclusiveBecause("the reports could not all be written: " + e.getMessage()
                + RunDirSpace.check(runDir).map(full -> "; " + full).orElse(""));
        } finally {
            joinQuietly(stopped);
        }
        return new Result(outcome, runDir);
    }

    private static RunOutcome.Orders orders(List<Operation> ops, Reconciled rec) {
        long sent = 0;
        long acked = 0;
        long rejected = 0;
        long failed = 0;
        long unknown = 0;
        long resolved = 0;
        for (Operation op : ops) {
            if (!op.isPlace()) {
                continue;
            }
            sent++;
            switch (op.answer()) {
                case ACKNOWLEDGED -> acked++;
                case REJECTED -> rejected++;
                case FAILED -> failed++;
                case UNKNOWN -> {
                    unknown++;
                    if (rec != null && rec.resolutions().containsKey(op.clientOrderId())) {
                        resolved++;
                    }
                }
            }
        }
        long lost = 0;
        long duplicated = 0;
        if (rec != null && !rec.replicas().isEmpty()) {
            var checks = Checkers.check(List.of(Invariant.NO_LOST_ACKED_ORDERS, Invariant.NO_DUPLICATE_ORDERS),
                new CheckContext(ops, rec.replicas(), Map.of(), Map.of(), Map.of()));
            lost = violations(checks, Invariant.NO_LOST_ACKED_ORDERS);
            duplicated = violations(checks, Invariant.NO_DUPLICATE_ORDERS);
        }
        return new RunOutcome.Orders(sent, acked, rejected, failed, unknown, resolved, lost, duplicated);
    }

    private static long violations(List<RunOutcome.InvariantResult> results, Invariant invariant) {
        return results.stream().filter(r -> r.invariant().equals(invariant)).mapToLong(RunOutcome.InvariantResult::violations)
            .findFirst().orElse(0);
    }

    /** Seconds since load start, to the millisecond, as report.json has always given them. */
    private static Duration toMillis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private Scenario applyOverrides(Scenario s) {
        if (options.rate().isEmpty() && options.duration().isEmpty()) {
            return s;
        }
        Load l = s.load();
        Load changed = new Load(options.rate().isPresent() ? io.exchangechaos.core.scenario.Rate.perSecond(options.rate().getAsDouble()) : l.rate(),
            l.rampUp(), options.duration().orElse(l.duration()), l.mix(), l.symbols(), l.accounts(), l.requestTimeout(), l.surges());
        return s.toBuilder().load(changed).build();
    }

    private void linkLatest(Path runDir) {
        Path latest = runDir.getParent().resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, runDir.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no latest link: {}", e.toString());
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            return null;
        }
    }

    private static String pct(double r) {
        return Math.round(r * 100) + "%";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mutable bookkeeping of one run, confined to the runner. */
    private static final class RunState {
        final String runId;
        final Scenario scenario;
        final Path scenarioFile;
        final Instant startedAt;
        final String topology;
        final Weakness weakness;
        final List<Finding> findings = new ArrayList<>();
        final List<RunOutcome.FaultWindow> failedFaults = new ArrayList<>();
        final Map<ActiveStep, Double> faultStart = new LinkedHashMap<>();
        final Map<ActiveStep, Duration> faultDue = new LinkedHashMap<>();
        final Map<ActiveStep, Double> faultEnd = new LinkedHashMap<>();
        final List<Double> injectionLagMillis = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        RunOutcome.SteadyStateResult steadyBefore;
        RunOutcome.SteadyStateResult steadyAfter;
        Map<String, Long> totalsBefore = Map.of();
        long loadStartMicros;
        long plannedArrivals;
        long startedArrivals;
        /** What the load generator measured of itself, or null. */
        io.exchangechaos.core.load.LoadRun.Canary canary;
        boolean stoppedEarly;
        /** Why history.jsonl is incomplete, or null. */
        String historyFailure;
        Secrets secrets = Secrets.none();

        RunState(String runId, Scenario scenario, Path scenarioFile, Instant startedAt, String topology, Weakness weakness) {
            this.runId = runId;
            this.scenario = scenario;
            this.scenarioFile = scenarioFile;
            this.startedAt = startedAt;
            this.topology = topology;
            this.weakness = weakness;
        }
    }

}
