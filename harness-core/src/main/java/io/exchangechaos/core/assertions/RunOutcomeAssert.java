package io.exchangechaos.core.assertions;

import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link RunOutcome}; failures name the values in brackets and the run's reasons. */
public final class RunOutcomeAssert extends AbstractAssert<RunOutcomeAssert, RunOutcome> {

    RunOutcomeAssert(RunOutcome actual) {
        super(actual, RunOutcomeAssert.class);
    }

    public RunOutcomeAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            throw assertionError("Expected verdict [%s] but was [%s]; reasons:%n  %s", expected, actual.verdict(),
                String.join("\n  ", actual.reasons()));
        }
        return this;
    }

    public RunOutcomeAssert hasNoLostOrders() {
        isNotNull();
        if (actual.orders().lost() != 0) {
            throw assertionError("Expected no lost acknowledged orders but [%d] were lost; e.g. %s", actual.orders().lost(),
                examples("no-lost-acked-orders"));
        }
        return this;
    }

    public RunOutcomeAssert hasNoDuplicatedOrders() {
        isNotNull();
        if (actual.orders().duplicated() != 0) {
            throw assertionError("Expected no duplicated orders but [%d] were; e.g. %s", actual.orders().duplicated(),
                examples("no-duplicate-orders"));
        }
        return this;
    }

    /** The named invariant (e.g. {@code balances-conserved}) was checked and held. */
    public RunOutcomeAssert holds(String invariant) {
        isNotNull();
        RunOutcome.InvariantResult r = actual.invariants().stream().filter(i -> i.name().equals(invariant)).findFirst()
            .orElseThrow(() -> assertionError("Expected invariant [%s] to be checked but the run checked only %s", invariant,
                actual.invariants().stream().map(RunOutcome.InvariantResult::name).toList()));
        if (r.verdict() != Verdict.PASS) {
            throw assertionError("Expected invariant [%s] to hold but it was [%s]: %s", invariant, r.verdict(), r.detail());
        }
        return this;
    }

    /** Latency of the given phase, for percentile assertions. */
    public LatencyAssert latency(Phase phase) {
        isNotNull();
        RunOutcome.LatencySummary s = Optional.ofNullable(actual.latency().get(phase.id())).orElseThrow(() ->
            assertionError("Expected latency figures for phase [%s] but the run has only %s", phase.id(), actual.latency().keySet()));
        return new LatencyAssert(phase.id(), s);
    }

    private String examples(String invariant) {
        return actual.invariants().stream().filter(i -> i.name().equals(invariant)).findFirst()
            .map(i -> i.examples().toString()).orElse("[]");
    }

    private AssertionError assertionError(String format, Object... args) {
        return failure(format, args);
    }
}
