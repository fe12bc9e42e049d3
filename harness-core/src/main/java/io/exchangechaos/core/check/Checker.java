package io.exchangechaos.core.check;

import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;

/**
 * Checks one invariant over a run, Jepsen-style: from the history and the replicas' final state alone. Found with
 * {@link java.util.ServiceLoader}: list an implementation (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.exchangechaos.core.check.Checker}; harness-core registers its built-ins the same way.
 * Violations come with example order ids, at most {@link #EXAMPLES}. A checker that cannot observe what it checks
 * (no replica answered) says INCONCLUSIVE, never PASS.
 */
public interface Checker {
    int EXAMPLES = 10;

    /** The invariant this checker decides; one checker per invariant on the class path. */
    Invariant invariant();

    RunOutcome.InvariantResult check(CheckContext context);
}
