package io.exchangechaos.core.assertions;

import io.exchangechaos.core.verdict.RunOutcome;

/** The one entry point for AssertJ assertions on a run: {@code assertThat(outcome).hasVerdict(PASS)…}. */
public final class ChaosAssertions {
    private ChaosAssertions() {
    }

    public static RunOutcomeAssert assertThat(RunOutcome actual) {
        return new RunOutcomeAssert(actual);
    }
}
