package io.exchangechaos.core.check;

import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;

/**
 * Checks one invariant over a run, Jepsen-style: from the history and the replicas' final state alone. Found with
 * {@link java.util.ServiceLoader}: list an implementation (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.exchangechaos.core.check.Checker}; harness-core registers its built-ins the same way.
 * Violations come with example order ids, at most {@link #EXAMPLES}. A checker that cannot observe what it checks
 * (no replica answered) says so ({@code InvariantResult.notChecked}), never PASS.
 *
 * <p>A checker declares what it {@link #needs()} of the adapter; it is asked only when the run's adapter has it, and
 * says how it checked ({@code InvariantResult.checkedBy}).
 */
public interface Checker {
    int EXAMPLES = 10;

    /** The invariant this checker decides; one checker per invariant on the class path. */
    Invariant invariant();

    /**
     * What the adapter must be able to observe for this checker to decide its invariant; by default nothing (the
     * history alone).
     */
    default Needs needs() {
        return Needs.NOTHING;
    }

    RunOutcome.InvariantResult check(CheckContext context);
}
