package io.exchangechaos.core.assertions;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import org.assertj.core.api.Assertions;

/**
 * The one entry point for assertions on a run, and AssertJ's own besides: one
 * {@code import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat} serves
 * {@code assertThat(outcome).passed().hasNoLostOrders()} and {@code assertThat(list).hasSize(3)} alike.
 */
public class ChaosAssertions extends Assertions {
    protected ChaosAssertions() {
    }

    public static RunOutcomeAssert assertThat(RunOutcome actual) {
        return new RunOutcomeAssert(actual);
    }

    /** The run's outcome; its run directory is in the failure messages' report paths. */
    public static RunOutcomeAssert assertThat(ScenarioRunner.Result actual) {
        return new RunOutcomeAssert(actual == null ? null : actual.outcome());
    }
}
