package io.exchangechaos.core.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where every injector starts: writes the fault to the ledger, then applies it, and hands back the {@link InjectedFault}
 * whose {@code close()} heals it. If applying fails half-way, the half that got applied is healed at once.
 *
 * <pre>{@code
 * FaultRecorder recorder = FaultRecorder.using(new FaultLedger(FaultLedger.defaultPath()));
 * FaultRecorder.Plan plan = recorder.plan("network.partition", "proxy db", id -> new EnableProxy(api, "db"));
 * InjectedFault fault = recorder.inject(plan, refine -> proxy.disable());
 * }</pre>
 */
public final class FaultRecorder {
    private final FaultLedger ledger;
    private final Healer healer;
    private final Moment moment;

    public FaultRecorder(FaultLedger ledger, Healer healer) {
        this(ledger, healer, null);
    }

    private FaultRecorder(FaultLedger ledger, Healer healer, Moment moment) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.healer = Objects.requireNonNull(healer, "healer");
        this.moment = moment;
    }

    /**
     * The same ledger and healer, but every fault injected through the copy is recorded at once and applied only when
     * {@code moment} comes: an injector's lookups and the ledger's write-and-sync happen ahead of time, and what is
     * left at the moment is the action itself (a signal, a toxic, a DNS mode). A fault whose moment is
     * {@linkplain Moment#cancel() cancelled} is never applied: it is marked healed in the ledger and its injection
     * throws {@link FaultInjectionException} caused by a {@link java.util.concurrent.CancellationException}.
     */
    public FaultRecorder at(Moment moment) {
        return new FaultRecorder(ledger, healer, Objects.requireNonNull(moment, "moment"));
    }

    /** Records in {@code ledger}, heals with a default {@link Healer}. */
    public static FaultRecorder using(FaultLedger ledger) {
        return new FaultRecorder(ledger, new Healer());
    }

    public FaultLedger ledger() {
        return ledger;
    }

    public Healer healer() {
        return healer;
    }

    /** A fault about to be injected: a fresh id, and the recipe built for it (names may embed the id). */
    public Plan plan(String type, String target, Function<String, HealRecipe> recipeForId) {
        String id = ledger.newFaultId();
        return new Plan(id, type, target, recipeForId.apply(id));
    }

    /** Records {@code plan}, then runs {@code application}; the fault heals through the {@link Healer}. */
    public InjectedFault inject(Plan plan, Application application) {
        return inject(plan, application, healer::heal);
    }

    /**
     * As {@link #inject(Plan, Application)}, healing a live fault with {@code liveHeal} (e.g. restarting a killed
     * service through its live handle) while the ledger keeps the recipe for a crash.
     */
    public InjectedFault inject(Plan plan, Application application, LiveHeal liveHeal) {
        return inject(plan, null, application, liveHeal);
    }

    /**
     * As {@link #inject(Plan, Application)}, with a step that readies the target once the fault is recorded and
     * before its moment, so that at the moment less is left to do (e.g. a stub added disarmed, armed at the moment).
     * The recipe must undo what the preparation leaves: if it fails, or the moment is cancelled after it, the fault is
     * healed and the injection throws.
     */
    public InjectedFault inject(Plan plan, Preparation preparation, Application application) {
        return inject(plan, Objects.requireNonNull(preparation, "preparation"), application, healer::heal);
    }

    private InjectedFault inject(Plan plan, Preparation preparation, Application application, LiveHeal liveHeal) {
        LedgerEntry entry = ledger.recordInject(plan.id(), plan.type(), plan.target(), plan.heal());
        RecordedFault fault = new RecordedFault(ledger, entry, liveHeal);
        if (preparation != null) {
            try {
                preparation.prepare();
            } catch (Exception | Error e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                HealResult undo = fault.heal();
                throw new FaultInjectionException("could not prepare " + plan.type() + " on [" + plan.target() + "] ("
                    + plan.id() + "): " + e.getMessage() + "; undo: " + undo, e);
            }
        }
        if (moment != null && !moment.await()) {
            if (preparation == null) {
                ledger.recordHealed(plan.id(), "never applied: its moment was cancelled");
            } else {
                fault.heal();
            }
            throw new FaultInjectionException("did not inject " + plan.type() + " on [" + plan.target() + "] ("
                + plan.id() + "): cancelled before its moment",
                new CancellationException("cancelled before its moment"));
        }
        try {
            application.apply(fault::refine);
            fault.applied();
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            HealResult undo = fault.heal();
            throw new FaultInjectionException("could not inject " + plan.type() + " on [" + plan.target() + "] ("
                + plan.id() + "): " + e.getMessage() + "; undo: " + undo, e);
        }
        return fault;
    }

    /**
     * When faults recorded through {@link #at(Moment)} are applied: a {@link System#nanoTime()} deadline, or never once
     * cancelled. Many faults may wait for one moment; each is applied on its own thread as the deadline passes.
     */
    public static final class Moment {
        private final long deadlineNanos;
        private final CountDownLatch cancelled = new CountDownLatch(1);
        private final AtomicLong lateNanos = new AtomicLong();

        private Moment(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        /** The moment {@link System#nanoTime()} reaches {@code deadlineNanos}. */
        public static Moment atNanoTime(long deadlineNanos) {
            return new Moment(deadlineNanos);
        }

        /** Faults still waiting are not applied; those already applied stay. */
        public void cancel() {
            cancelled.countDown();
        }

        public boolean isCancelled() {
            return cancelled.getCount() == 0;
        }

        /**
         * How long after the deadline the latest fault waiting for it was ready (recorded, its target resolved):
         * zero when every one waited for it, so at the deadline only the actions were left.
         */
        public Duration lateBy() {
            return Duration.ofNanos(lateNanos.get());
        }

        /** Waits for the deadline; false if cancelled first (or now), or if the thread is interrupted. */
        public boolean await() {
            try {
                long wait = deadlineNanos - System.nanoTime();
                lateNanos.accumulateAndGet(-wait, Math::max);
                if (wait > 0 && cancelled.await(wait, TimeUnit.NANOSECONDS)) {
                    return false;
                }
                return !isCancelled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** A fault about to be injected. */
    public record Plan(String id, String type, String target, HealRecipe heal) {
        public Plan {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(heal, "heal");
        }
    }

    /** Applies the fault; may refine the recipe once the target has answered (a server-assigned id, a version). */
    @FunctionalInterface
    public interface Application {
        void apply(Refinement refine) throws Exception;
    }

    /** Readies a fault's target after it is recorded and before its moment; changes nothing a client sees. */
    @FunctionalInterface
    public interface Preparation {
        void prepare() throws Exception;
    }

    /** Replaces the recorded recipe; written to the ledger before it returns. */
    @FunctionalInterface
    public interface Refinement {
        void recipe(HealRecipe refined);
    }

    /** Heals a live fault given its current recipe. */
    @FunctionalInterface
    public interface LiveHeal {
        HealResult heal(HealRecipe recipe) throws Exception;
    }
}
