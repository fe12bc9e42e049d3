package io.exchangechaos.fault;

import io.exchangechaos.fault.ledger.FaultLedger;
import io.exchangechaos.fault.ledger.HealRecipe;
import io.exchangechaos.fault.ledger.LedgerEntry;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where every injector starts: writes the fault to the ledger, then applies it, and hands back the {@link Fault}
 * whose {@code close()} heals it. If applying fails half-way, the half that got applied is healed at once.
 *
 * <pre>{@code
 * FaultRecorder recorder = FaultRecorder.using(new FaultLedger(FaultLedger.defaultPath()));
 * FaultRecorder.Plan plan = recorder.plan("network.partition", "proxy db", id -> new HealRecipe.EnableProxy(api, "db"));
 * Fault fault = recorder.inject(plan, refine -> proxy.disable());
 * }</pre>
 */
public final class FaultRecorder {
    private final FaultLedger ledger;
    private final Healer healer;

    public FaultRecorder(FaultLedger ledger, Healer healer) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.healer = Objects.requireNonNull(healer, "healer");
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
    public Fault inject(Plan plan, Application application) {
        return inject(plan, application, healer::heal);
    }

    /**
     * As {@link #inject(Plan, Application)}, healing a live fault with {@code liveHeal} (e.g. restarting a killed
     * service through its live handle) while the ledger keeps the recipe for a crash.
     */
    public Fault inject(Plan plan, Application application, LiveHeal liveHeal) {
        LedgerEntry entry = ledger.recordInject(plan.id(), plan.type(), plan.target(), plan.heal());
        RecordedFault fault = new RecordedFault(ledger, entry, liveHeal);
        try {
            application.apply(fault::refine);
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
