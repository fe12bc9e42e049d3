package io.exchangechaos.core.fault;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.history.SteadyClock;
import io.exchangechaos.core.ledger.FaultInjectionException;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a scenario's timeline steps into real faults on a running stack, through the {@link FaultInjector}s on the
 * class path: for each step the first that handles it, on this stack's backend. Every fault is in the ledger before
 * it touches anything, and {@link ActiveStep#heal()} undoes it. Dynamic targets ("the leader's region") are resolved
 * here, when a step is {@linkplain #prepare prepared}, a moment before it is due; injectors get concrete targets.
 *
 * <p>A step's parts (a region's three links, say) are applied at once, each on a thread of its own
 * ({@link Injection#together}), and so are the steps due at the same moment ({@link #injectTogether}): a step must
 * not wait for the one before it, or the second fault of a pair lands late by however long the first took.
 */
public final class FaultExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(FaultExecutor.class);

    private final Stack stack;
    private final FaultRecorder recorder;
    private final Path scenarioDir;
    private final FaultInjectors injectors;

    public FaultExecutor(Stack stack, FaultRecorder recorder, Path scenarioDir) {
        this(stack, recorder, scenarioDir, FaultInjectors.load());
    }

    public FaultExecutor(Stack stack, FaultRecorder recorder, Path scenarioDir, FaultInjectors injectors) {
        this.stack = stack;
        this.recorder = recorder;
        this.scenarioDir = scenarioDir;
        this.injectors = injectors;
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
         * Waits for every step until it is in effect or {@linkplain FaultExecutor#inEffectWithin its limit} after its moment has passed, and no
         * longer than {@code notAfterNanos} (on the {@link System#nanoTime()} clock), abandoning each not done by then;
         * in the order they were given.
         */
        public List<Injected> awaitInEffect(long notAfterNanos) {
            List<Injected> done = new ArrayList<>();
            for (Pending p : pending) {
                long deadline = Math.min(notAfterNanos, p.dueNanos() + p.inEffectWithin().toNanos());
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
         * Abandons every step not in effect {@linkplain FaultExecutor#inEffectWithin its limit} after its moment, as of {@code nowNanos}; true if
         * any was.
         */
        public boolean abandonOverdue(long nowNanos) {
            boolean any = false;
            for (Pending p : pending) {
                if (!p.result().isDone() && nowNanos - p.dueNanos() > p.inEffectWithin().toNanos()) {
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
    private record Pending(TimelineStep step, FaultRecorder.Moment moment, long dueNanos, Duration inEffectWithin,
                           CompletableFuture<Injected> result, Thread thread) {

        /** Reports the step as not applied and cancels its moment, unless its injection finished first. */
        boolean abandon() {
            double late = (System.nanoTime() - dueNanos) / 1e9;
            String message = String.format(Locale.ROOT, "not in effect %.1f s after its offset: its injection"
                + " had not returned%s; abandoned, and anything it applies later is healed at once", Math.max(0, late),
                stuckIn(thread));
            boolean first = result.complete(new Injected(step, null, null, SteadyClock.now(),
                new FaultInjectionException(message, null), false, moment.lateBy()));
            if (first) {
                moment.cancel();
            }
            return first;
        }
    }

    /**
     * How long after its offset a step may take to be in effect before it is abandoned: 5 s, plus what its action may
     * itself wait for, as its injector says (a kill waits for the processes to exit, a restart for them to stop and start
     * again). Faults on this machine are in effect milliseconds after their offset (BENCHMARKS.md), container cuts well
     * under a second; a fault 5 s late no longer tests what its scenario says, and a call that has not returned by then
     * has hung.
     */
    public Duration inEffectWithin(TimelineStep step) {
        Duration actionWaits;
        try {
            actionWaits = injectors.forStep(step, stack.backend()).actionMayTake(step.fault());
        } catch (UnsupportedOperationException e) {
            actionWaits = Duration.ZERO;  // no injector: the step fails at once, with why
        }
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
    public Prepared prepare(List<TimelineStep> steps, ToLongFunction<TimelineStep> dueNanos) {
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
            pending.add(new Pending(s, moment, due, inEffectWithin(s), result, thread));
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
            return new Injected(step, fault, fault.injectedAt(), SteadyClock.now(), null, false, moment.lateBy());
        } catch (RuntimeException e) {
            return new Injected(step, null, null, SteadyClock.now(), e,
                e.getCause() instanceof CancellationException, moment.lateBy());
        }
    }

    /** What one injection works with: the recorder (perhaps waiting for a moment) and who leads. */
    private final class Context implements InjectionContext {
        private final FaultRecorder recorder;
        private final FaultRecorder.Moment moment;
        private final Supplier<Optional<String>> leader;

        Context(FaultRecorder recorder, FaultRecorder.Moment moment, Supplier<Optional<String>> leader) {
            this.recorder = recorder;
            this.moment = moment;
            this.leader = leader;
        }

        @Override
        public Stack stack() {
            return stack;
        }

        @Override
        public FaultRecorder recorder() {
            return recorder;
        }

        @Override
        public Path scenarioDir() {
            return scenarioDir;
        }

        @Override
        public void awaitMoment(String what) {
            if (moment != null && !moment.await()) {
                throw new FaultInjectionException("did not " + what + ": cancelled before its moment",
                    new CancellationException("cancelled before its moment"));
            }
        }
    }

    /**
     * Takes each injector {@code steps} will use through the motions once, without touching the system under test
     * ({@link FaultInjector#warmUp}): a read of each control API, and for toxics the same write to a scratch proxy
     * nothing uses. So the first fault does not pay for loading a client, and the first toxics not for their first
     * write. Best effort: a step that fails is logged, and the fault itself reports what is wrong.
     */
    public void warmUp(List<TimelineStep> steps) {
        for (TimelineStep step : steps) {
            try {
                FaultInjector injector = injectors.forStep(step, stack.backend());
                Context now = new Context(recorder, null, stack::leaderService);
                injector.warmUp(step.fault(), resolve(step.target(), now), now);
            } catch (RuntimeException e) {
                LOG.info("warming up for [{}]: {}", step.name(), e.toString());
            }
        }
    }

    static boolean targetsLeader(FaultTarget target) {
        return target instanceof FaultTarget.RegionTarget r && r.region().equals("leader")
            || target instanceof FaultTarget.ServiceTarget s && s.service().equals("leader");
    }

    static void onOwnThread(Runnable r) {
        Thread t = new Thread(r, "inject");
        t.setDaemon(true);
        t.start();
    }

    /** Injects one step now. */
    public ActiveStep inject(TimelineStep step) {
        return inject(step, new Context(recorder, null, stack::leaderService));
    }

    private ActiveStep inject(TimelineStep step, Context cx) {
        FaultInjector injector = injectors.forStep(step, stack.backend());
        Injection injection = injector.inject(step.fault(), resolve(step.target(), cx), cx);
        // injected when its last part was in effect, not when it was prepared ahead of its moment
        Instant inEffect = injection.parts().stream().map(InjectedFault::appliedAt).max(Instant::compareTo)
            .orElseGet(SteadyClock::now);
        return new ActiveStep(step.name(), typeOf(step.fault()), injection.resolvedTarget(), inEffect, injection.parts());
    }

    /** {@code {region: leader}} and {@code {service: leader}} as the region and service that lead now. */
    private FaultTarget resolve(FaultTarget target, Context cx) {
        if (target instanceof FaultTarget.ServiceTarget s && s.service().equals(FaultTarget.LEADER)) {
            return new FaultTarget.ServiceTarget(cx.leader.get().orElseThrow(() -> new IllegalStateException("no engine leads now")));
        }
        if (target instanceof FaultTarget.RegionTarget r && r.region().equals(FaultTarget.LEADER)) {
            String leader = cx.leader.get().orElseThrow(() -> new IllegalStateException(
                "no engine leads now, so there is no leader's region to target"));
            return new FaultTarget.RegionTarget(stack.topology().regionOf(leader));
        }
        return target;
    }

    /** The kind of the step's fault, as reports name it: {@code slow-close}. */
    public static String typeOf(Fault<?> fault) {
        return FaultKinds.registered().of(fault).id();
    }
}
