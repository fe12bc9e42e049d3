package io.exchangechaos.core.check;

import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;

/** One invariant over a run. Violations come with example order ids, at most {@link #EXAMPLES}. */
public interface Checker {
    int EXAMPLES = 10;

    Invariant invariant();

    RunOutcome.InvariantResult check(CheckContext context);
}
