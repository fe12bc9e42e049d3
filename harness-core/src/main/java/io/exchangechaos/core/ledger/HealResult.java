package io.exchangechaos.core.ledger;

import java.util.List;
import java.util.Objects;

/** The outcome of healing one fault, and in words what was done or found. */
public record HealResult(HealOutcome outcome, String detail) {
    public HealResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public static HealResult healed(String detail) {
        return new HealResult(HealOutcome.HEALED, detail);
    }

    public static HealResult alreadyGone(String detail) {
        return new HealResult(HealOutcome.ALREADY_GONE, detail);
    }

    public static HealResult failed(String detail) {
        return new HealResult(HealOutcome.FAILED, detail);
    }

    /** True for HEALED and ALREADY_GONE: nothing of the fault is left. */
    public boolean isHealthy() {
        return outcome == HealOutcome.HEALED || outcome == HealOutcome.ALREADY_GONE;
    }

    /** Several steps as one: FAILED if any failed, HEALED if any healed, else ALREADY_GONE. */
    public static HealResult merge(List<HealResult> steps) {
        if (steps.size() == 1) {
            return steps.get(0);
        }
        HealOutcome outcome = steps.stream().anyMatch(s -> s.outcome == HealOutcome.FAILED) ? HealOutcome.FAILED
            : steps.stream().anyMatch(s -> s.outcome == HealOutcome.HEALED) ? HealOutcome.HEALED
            : HealOutcome.ALREADY_GONE;
        return new HealResult(outcome, String.join("; ", steps.stream().map(HealResult::detail).toList()));
    }

    @Override
    public String toString() {
        return outcome + ": " + detail;
    }
}
