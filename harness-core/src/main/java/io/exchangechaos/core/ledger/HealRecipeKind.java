package io.exchangechaos.core.ledger;

import java.util.Optional;
import java.util.Set;

/**
 * One kind of heal recipe: the {@code kind} tag it is written with, its record, where it goes when a cleanup heals
 * many faults at once, and the code that heals it from the record alone. Listed in
 * {@code META-INF/services/io.exchangechaos.core.ledger.HealRecipeKind} by the plugin whose injector writes it, so
 * a ledger line is healed by whichever process reads it, a crashed run's or {@code ./chaos cleanup}'s.
 *
 * @param <R> the record, JSON-bound by its components
 */
public interface HealRecipeKind<R extends HealRecipe> {

    /** The {@code kind} tag, e.g. {@code remove-toxics}; it never changes once ledgers hold it. */
    String id();

    Class<R> type();

    /**
     * Where its steps go when a cleanup heals many faults at once, lowest first: frozen processes first (nothing else
     * can be checked while they hang), processes a run started last.
     */
    int cleanupOrder();

    /**
     * Heals one step, idempotently: healing what is already healthy answers {@link HealResult#alreadyGone}. May
     * throw; the healer reports it as FAILED with the step and the message.
     */
    HealResult heal(R recipe, HealContext cx) throws Exception;

    /**
     * Why a cleanup should leave this step alone because the run it served is over ({@code over}: the ledger ids
     * healed, or being healed by this cleanup), reported as already gone; empty to heal it. By default: heal it.
     */
    default Optional<String> obsolete(R recipe, Set<String> over) {
        return Optional.empty();
    }

    /**
     * A kind whose tag, record and cleanup order are given once, to the constructor; a service still needs a public
     * no-argument subclass of its own.
     */
    abstract class Basic<R extends HealRecipe> implements HealRecipeKind<R> {
        private final String id;
        private final Class<R> type;
        private final int cleanupOrder;

        protected Basic(String id, Class<R> type, int cleanupOrder) {
            this.id = id;
            this.type = type;
            this.cleanupOrder = cleanupOrder;
        }

        @Override
        public final String id() {
            return id;
        }

        @Override
        public final Class<R> type() {
            return type;
        }

        @Override
        public final int cleanupOrder() {
            return cleanupOrder;
        }
    }
}
