package io.exchangechaos.core.verdict;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reason a run's verdict is what it is: what a check concluded and why. A run's verdict is the merge of its
 * findings ({@link Verdict#mergeFindings}); its findings are listed worst first ({@link #WORST_FIRST}).
 *
 * @param check  what was checked: a budget's name ({@code p99(place) during fault ≤ 1 s}), an invariant's id
 *               ({@code no-lost-acked-orders}) or one of the run's own checks ({@link #STEADY_STATE_BEFORE} …)
 * @param reason the sentence a reader needs, without the verdict
 */
public record Finding(Verdict verdict, String check, String reason) {
    /** The stack reached its steady state before the load. */
    public static final String STEADY_STATE_BEFORE = "steady-state-before";
    /** The steady state returned after the faults were healed. */
    public static final String STEADY_STATE_AFTER = "steady-state-after";
    /** The stack started. */
    public static final String STACK = "stack";
    /** The load generator kept to its schedule and finished cleanly. */
    public static final String LOAD = "load";
    /** Every fault of the timeline was injected and healed. */
    public static final String FAULTS = "faults";
    /** The run was not stopped early, by an operator or an abort condition. */
    public static final String ABORT = "abort";
    /** Nothing failed: the one finding of a PASS. */
    public static final String RUN = "run";

    /** Worst verdict first; findings of one verdict keep their order (a stable sort). */
    public static final Comparator<Finding> WORST_FIRST = Comparator.comparing(Finding::verdict, Verdict.WORST_FIRST);

    public Finding {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }

    /** The finding of a run in which every budget and invariant held. */
    public static Finding passed() {
        return new Finding(Verdict.PASS, RUN, "every budget and invariant held");
    }

    /** As report.json's {@code reasons} spell it: {@code FAIL: Budget [...] violated: ...}. */
    @Override
    public String toString() {
        return verdict + ": " + reason;
    }
}
