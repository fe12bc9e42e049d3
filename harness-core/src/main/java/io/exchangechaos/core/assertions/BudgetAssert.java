package io.exchangechaos.core.assertions;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.Assertions;

/** Assertions on one budget's judgement: {@code assertThat(outcome).budget(p99(PLACE).during(FAULT)).failed()}. */
public final class BudgetAssert extends AbstractAssert<BudgetAssert, RunOutcome.BudgetResult> {

    BudgetAssert(RunOutcome.BudgetResult actual) {
        super(actual, BudgetAssert.class);
    }

    /** The budget held. */
    public BudgetAssert passed() {
        return hasVerdict(Verdict.PASS);
    }

    /** The budget was exceeded (not merely unmeasurable: that is INCONCLUSIVE). */
    public BudgetAssert failed() {
        return hasVerdict(Verdict.FAIL);
    }

    /** What the run measured, in the budget's unit (ms, ratio, s or orders); fails when it could not be measured. */
    public AbstractDoubleAssert<?> observed() {
        isNotNull();
        double observed = actual.observed().orElseThrow(() -> failure("Expected budget [%s] to have been measured but it"
            + " was not: %s", actual.name(), actual.detail()));
        return Assertions.assertThat(observed).as("observed %s of budget [%s]", actual.unit(), actual.name());
    }

    public BudgetAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            throw failureWithActualExpected(actual.verdict(), expected, "Expected budget [%s] to be [%s] but it was [%s]: %s",
                actual.name(), expected, actual.verdict(), actual.detail());
        }
        return this;
    }
}
