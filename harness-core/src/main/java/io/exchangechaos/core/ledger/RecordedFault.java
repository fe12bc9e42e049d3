package io.exchangechaos.core.ledger;

import io.exchangechaos.core.history.SteadyClock;
import java.time.Instant;
import java.util.Optional;

/** The {@link InjectedFault} every injector returns: heals once, records the outcome in the ledger. */
final class RecordedFault implements InjectedFault {
    private final FaultLedger ledger;
    private final LedgerEntry entry;
    private final FaultRecorder.LiveHeal liveHeal;
    private HealRecipe recipe;
    private HealResult result;
    private Instant healedAt;
    private volatile Instant appliedAt;

    RecordedFault(FaultLedger ledger, LedgerEntry entry, FaultRecorder.LiveHeal liveHeal) {
        this.ledger = ledger;
        this.entry = entry;
        this.liveHeal = liveHeal;
        this.recipe = entry.heal();
    }

    void applied() {
        appliedAt = SteadyClock.now();
    }

    @Override
    public Instant appliedAt() {
        Instant at = appliedAt;
        return at == null ? entry.injectedAt() : at;
    }

    synchronized void refine(HealRecipe refined) {
        ledger.recordUpdate(entry.id(), refined);
        recipe = refined;
    }

    synchronized HealRecipe recipe() {
        return recipe;
    }

    @Override
    public String id() {
        return entry.id();
    }

    @Override
    public String type() {
        return entry.type();
    }

    @Override
    public String target() {
        return entry.target();
    }

    @Override
    public Instant injectedAt() {
        return entry.injectedAt();
    }

    @Override
    public synchronized Optional<Instant> healedAt() {
        return Optional.ofNullable(healedAt);
    }

    @Override
    public synchronized HealResult heal() {
        if (healedAt != null) {
            return result;
        }
        HealResult attempt;
        try {
            attempt = liveHeal.heal(recipe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt = HealResult.failed("interrupted while healing");
        } catch (Exception e) {
            attempt = HealResult.failed(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
        if (attempt.isHealthy()) {
            healedAt = ledger.recordHealed(entry.id(), attempt.toString());
            result = attempt;
        } else {
            ledger.recordHealFailed(entry.id(), attempt.detail());
        }
        return attempt;
    }

    @Override
    public void close() {
        HealResult r = heal();
        if (!r.isHealthy()) {
            throw new FaultHealException("could not heal " + type() + " on [" + target() + "] (" + id() + "): "
                + r.detail() + "; it stays in the ledger [" + ledger.file() + "]: run ./chaos cleanup once the target"
                + " answers again", r);
        }
    }

    @Override
    public String toString() {
        return "InjectedFault[" + id() + " " + type() + " on " + target() + (healedAt == null ? "" : ", healed") + "]";
    }
}
