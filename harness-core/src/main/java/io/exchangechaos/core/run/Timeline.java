package io.exchangechaos.core.run;

import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.load.GatlingLoadDriver;
import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.load.LoadPlan;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load and, on its clock, the scenario's steps: each prepared a moment ahead, applied at its offset, healed when it
 * ends; whatever went in is healed in {@code finally}. Stops early when the run is aborted, keeping every answer that
 * came; gives the operations of the history, in order.
 */
final class Timeline {
    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);
    /**
     * How long before its offset a step is prepared (its target resolved, its faults on record), so that at the
     * offset only the action is left. Long enough for the leader's question and the ledger's syncs (one per link or
     * process group, each slow on a loaded machine); short enough that a leader found then still leads at the offset.
     */
    static final Duration PREPARE_AHEAD = Duration.ofSeconds(1);
    /** How long an operator's abort waits for injections under way before giving them up: it must stop within seconds. */
    static final Duration ABORT_WAITS_FOR_INJECTIONS = Duration.ofSeconds(2);

    private final RunContext ctx;
    private final LoadClock clock;
    private final Function<History, RunningLoad> startLoad;
    private final StepInjection injection;
    private final List<TimelineStep> pending;
    private final List<StepInjection.Batch> preparing = new ArrayList<>();
    private final Map<ActiveStep, Duration> healAt = new LinkedHashMap<>();
    private final Duration end;
    private final StepOutcomes outcomes;
    /**
     * The operator's answer about {@code pending.get(0)}, asked on a thread of its own: while the room deliberates the
     * loop goes on healing what ends, checking the abort condition and reporting every second.
     */
    private CompletableFuture<StepGate.Decision> asking;
    private Thread askingThread;

    Timeline(RunContext ctx, LoadClock clock, Function<History, RunningLoad> startLoad, StepInjection injection) {
        this.ctx = ctx;
        this.clock = clock;
        this.startLoad = startLoad;
        this.injection = injection;
        this.pending = new ArrayList<>(ctx.scenario.timeline());
        this.end = ctx.scenario.load().duration();
        this.outcomes = new StepOutcomes(ctx, clock);
    }

    /** Drives the scenario's load through Gatling and its steps through the injectors, into the run's history. */
    static List<Operation> drive(RunContext ctx) throws IOException {
        try (History history = History.create(ctx.runDir.resolve("history.jsonl"))) {
            LoadPlan plan = LoadPlans.of(ctx);
            WarmUpEndpoint canary = null;
            try {
                canary = WarmUpEndpoint.start();
            } catch (IOException e) {
                LOG.warn("no canary for the load generator (it cannot measure its own delay): {}", e.toString());
            }
            try {
                URI canaryUri = canary == null ? null : canary.uri();
                GatlingLoadDriver gatling = new GatlingLoadDriver(ctx.runDir.resolve("gatling"));
                FaultExecutor executor = new FaultExecutor(ctx.stack, ctx.recorder,
                    ctx.scenarioDir() == null ? Path.of(".") : ctx.scenarioDir());
                return new Timeline(ctx, LoadClock.SYSTEM,
                    h -> RunningLoad.of(gatling.start(plan, ctx.adapter, h, canaryUri), canaryUri != null),
                    StepInjection.of(executor)).run(history);
            } finally {
                if (canary != null) {
                    canary.close();
                }
            }
        }
    }

    /** Runs the load to its end, or until the run is aborted, applying and healing the steps on the way. */
    List<Operation> run(History history) {
        try {
            return loop(history);
        } finally {
            if (askingThread != null) {
                // the load ended or the run stopped with a question open: nobody needs its answer now
                askingThread.interrupt();
            }
            outcomes.healAll();
        }
    }

    private List<Operation> loop(History history) {
        // the injectors' clients load while the load generator starts, not at the first fault's offset
        Thread warming = new Thread(() -> injection.warmUp(ctx.scenario.timeline()), "warm-injectors");
        warming.setDaemon(true);
        warming.start();
        RunningLoad running = startLoad.apply(history);
        ctx.plannedArrivals = running.plannedArrivals();
        waitForLoadStart(running);
        long loadStart = running.startMicros();
        ctx.loadStartMicros = loadStart;
        int badSeconds = 0;
        long nextTick = clock.nanoTime();
        while (!running.exitCode().isDone() && !ctx.abort.requested()) {
            Duration now = Duration.ofNanos((clock.nowMicros() - loadStart) * 1000);
            for (var it = healAt.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (now.compareTo(e.getValue()) >= 0) {
                    outcomes.heal(e.getKey());
                    it.remove();
                }
            }
            prepareDue(now, loadStart);
            for (var it = preparing.iterator(); it.hasNext(); ) {
                StepInjection.Batch p = it.next();
                // a step whose injection hangs is given up on, so it cannot hold the rest of the timeline
                p.abandonOverdue(clock.nanoTime());
                if (p.isDone()) {
                    it.remove();
                    inForce(outcomes.record(p.await(), loadStart, Double.MAX_VALUE));
                }
            }
            if (clock.nanoTime() >= nextTick) {
                nextTick += 1_000_000_000L;
                LiveStats.Interval i = running.interval();
                ctx.progress().tick(new ProgressListener.Tick(phaseAt(ctx.scenario, now).id(), now.toMillis() / 1000.0,
                    Math.max(0, end.minus(now).toMillis() / 1000.0), i.ok(), i.failed() + i.unknown(), i.p99Millis(),
                    ctx.faults.stream().filter(healAt::containsKey).map(f -> f.step() + " → " + f.target()).toList()));
                badSeconds = ctx.abort.checkCondition(ctx.scenario.abort(), i, badSeconds);
                ctx.abort.stopIfRunDirFull(history);
            }
            if (asking == null) {
                clock.sleep(untilNextStep(now));
            } else {
                clock.sleepUnlessDone(untilNextStep(now), asking);
            }
        }
        // steps prepared but not yet due are not applied now; any that did go in are healed like the rest. Those under
        // way get until they are overdue, and on an operator's abort a moment more at most: nothing hung holds the stop
        double stoppedAt = (clock.nowMicros() - loadStart) / 1e6;
        long notAfter = ctx.abort.operatorAborted() ? clock.nanoTime() + ABORT_WAITS_FOR_INJECTIONS.toNanos() : Long.MAX_VALUE;
        for (StepInjection.Batch p : preparing) {
            p.cancel();
            inForce(outcomes.record(p.awaitInEffect(notAfter), loadStart, stoppedAt));
        }
        finishLoad(running);
        history.flush();
        ctx.historyFailure = history.failure().orElse(null);
        return history.operations().stream().sorted(Comparator.comparingLong(Operation::index)).toList();
    }

    /**
     * Steps due within {@link #PREPARE_AHEAD} are prepared now and go in at their moments, each on its own thread: the
     * leader's question and the ledger's sync are done before the offset, not after it. The gate is asked first.
     */
    private void prepareDue(Duration now, long loadStart) {
        List<TimelineStep> due = new ArrayList<>();
        while (!pending.isEmpty() && now.plus(PREPARE_AHEAD).compareTo(pending.get(0).at()) >= 0
            && pending.get(0).at().compareTo(end) < 0) {
            TimelineStep step = pending.get(0);
            StepGate.Decision d = answer(step);
            if (d == null) {
                break;
            }
            pending.remove(0);
            if (d == StepGate.Decision.ABORT) {
                ctx.abort.abort("operator aborted before step [" + step.name() + "]");
                break;
            }
            if (d == StepGate.Decision.SKIP) {
                ctx.progress().event("skipped [" + step.name() + "]");
                ctx.skipped.add(step.name());
                continue;
            }
            due.add(step);
        }
        if (!due.isEmpty()) {
            long nanoNow = clock.nanoTime();
            long elapsedNanos = (clock.nowMicros() - loadStart) * 1000;
            preparing.add(injection.prepare(due, st -> nanoNow + st.at().toNanos() - elapsedNanos));
        }
    }

    /** The gate's answer about {@code step}, or null while it is still being asked. The automatic gate answers at once. */
    private StepGate.Decision answer(TimelineStep step) {
        StepGate gate = ctx.options.gate();
        if (gate == StepGate.AUTOMATIC) {
            return gate.beforeStep(step, expectedEffect(step));
        }
        if (asking == null) {
            CompletableFuture<StepGate.Decision> question = new CompletableFuture<>();
            askingThread = new Thread(() -> {
                try {
                    question.complete(gate.beforeStep(step, expectedEffect(step)));
                } catch (RuntimeException | Error e) {
                    question.completeExceptionally(e);
                }
            }, "step-gate");
            askingThread.setDaemon(true);
            asking = question;
            askingThread.start();
        }
        if (!asking.isDone()) {
            return null;
        }
        StepGate.Decision d = asking.join();
        asking = null;
        askingThread = null;
        return d;
    }

    private void inForce(List<FaultExecutor.Injected> injected) {
        for (FaultExecutor.Injected in : injected) {
            ctx.faults.add(in.fault());
            healAt.put(in.fault(), in.step().healsAt(end));
        }
    }

    /** Stopped early: let operations under way finish, so the history holds every answer that came. Else: wait for the end. */
    private void finishLoad(RunningLoad running) {
        Load load = ctx.scenario.load();
        if (ctx.abort.requested()) {
            ctx.stoppedEarly = true;
            running.stop();
            long drainDeadline = clock.nanoTime() + load.requestTimeout().multipliedBy(3).plusSeconds(2).toNanos();
            while (running.inFlight() > 0 && clock.nanoTime() < drainDeadline) {
                clock.sleep(50);
            }
        } else {
            try {
                running.exitCode().get(load.duration().toSeconds() + 60, TimeUnit.SECONDS);
            } catch (Exception e) {
                ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.LOAD,
                    "the load generator did not finish cleanly: " + e));
            }
        }
        ctx.startedArrivals = running.arrivals();
        ctx.canary = running.canary();
    }

    /**
     * How long the loop may sleep: 20 ms, or less when a step is to be prepared sooner, or when a prepared step's
     * injection may be done sooner (it is collected on the next pass).
     */
    private long untilNextStep(Duration now) {
        long ms = 20;
        if (asking != null) {
            return preparing.isEmpty() ? ms : 5;
        }
        if (!pending.isEmpty()) {
            ms = Math.min(ms, pending.get(0).at().minus(PREPARE_AHEAD).minus(now).toMillis());
        }
        if (!preparing.isEmpty()) {
            ms = Math.min(ms, 5);
        }
        return Math.max(1, ms);
    }

    private static String expectedEffect(TimelineStep step) {
        return step.name() + " for " + step.duration().map(d -> d.toSeconds() + " s").orElse("the rest of the load");
    }

    private void waitForLoadStart(RunningLoad running) {
        long deadline = clock.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running.startMicros() == 0 && !running.exitCode().isDone() && clock.nanoTime() < deadline) {
            clock.sleep(10);
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
}
