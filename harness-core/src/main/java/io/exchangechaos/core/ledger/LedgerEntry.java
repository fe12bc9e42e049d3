package io.exchangechaos.core.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * One fault as the ledger knows it: its inject line, folded with any later update and healed lines.
 *
 * @param owner     the process that injected it; {@code Cleanup} leaves a live owner's faults alone
 * @param heal      the newest recipe (an update line replaces the inject line's)
 * @param healedAt  empty while the fault may still be in force
 */
public record LedgerEntry(String id, String type, String target, Instant injectedAt, Owner owner, HealRecipe heal,
                          Optional<Instant> healedAt, Optional<String> healDetail) {

    public boolean isHealed() {
        return healedAt.isPresent();
    }

    LedgerEntry withHeal(HealRecipe recipe) {
        return new LedgerEntry(id, type, target, injectedAt, owner, recipe, healedAt, healDetail);
    }

    LedgerEntry withHealed(Instant at, String detail) {
        return new LedgerEntry(id, type, target, injectedAt, owner, heal, Optional.of(at), Optional.ofNullable(detail));
    }

    /**
     * The JVM that wrote an inject line: pid, its start time in clock ticks since boot (so a recycled pid is not
     * mistaken for it) and host name.
     */
    public record Owner(long pid, long startTicks, String host) {
    }
}
