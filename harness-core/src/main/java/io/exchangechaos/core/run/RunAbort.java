package io.exchangechaos.core.run;

import io.exchangechaos.core.history.History;
import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.scenario.AbortCondition;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Whether and why a run stops early. An operator or a signal stops it at once (ABORTED); an abort condition only cuts
 * the load short, and the run is judged (FAIL); the harness stops it when its run directory can no longer keep the
 * evidence (INCONCLUSIVE). Asked from any thread.
 */
final class RunAbort {
    private final ProgressListener progress;
    private volatile String reason;
    private volatile String fromCondition;
    /** Why the harness itself stopped the run (its run directory's disk is full): INCONCLUSIVE, not ABORTED. */
    private volatile String fromHarness;
    private volatile RunDirSpace space;

    RunAbort(ProgressListener progress) {
        this.progress = progress;
    }

    void abort(String why) {
        reason = why;
    }

    /** True once anything asked the run to stop, an abort condition included. */
    boolean requested() {
        return reason != null;
    }

    /** An abort by a person, a signal or the harness itself: stop at once. An abort condition only cuts the load short. */
    boolean operatorAborted() {
        return reason != null && !reason.equals(fromCondition);
    }

    /** What a wait outside the load asks: the run directory's space checked too. */
    boolean aborted() {
        stopIfRunDirFull(null);
        return operatorAborted();
    }

    /** The run directory whose file system {@link #stopIfRunDirFull} watches. */
    void watch(RunDirSpace runDirSpace) {
        space = runDirSpace;
    }

    /**
     * Stops the run, INCONCLUSIVE, once its run directory's file system is full or its history could not be written:
     * a run that cannot keep its evidence proves nothing, and the stack's own logs and data are there too.
     */
    void stopIfRunDirFull(History history) {
        if (reason != null) {
            return;
        }
        Optional<String> why = history == null ? Optional.empty() : history.failure();
        if (why.isEmpty() && space != null) {
            why = space.full();
        }
        why.ifPresent(w -> {
            fromHarness = w;
            abort(w);
            progress.event("stopping: " + w);
        });
    }

    /** Counts the seconds the first abort condition held in a row ({@code badSeconds} so far); aborts once it held long enough. */
    int checkCondition(List<AbortCondition> conditions, LiveStats.Interval i, int badSeconds) {
        if (conditions.isEmpty() || i.total() == 0) {
            return badSeconds;
        }
        AbortCondition c = conditions.get(0);
        int bad = i.errorRatio() > c.errorRatioAbove() ? badSeconds + 1 : 0;
        if (bad >= c.holdsFor().toSeconds()) {
            fromCondition = "abort condition met: error ratio above " + Math.round(c.errorRatioAbove() * 100) + "% for "
                + c.holdsFor().toSeconds() + " s";
            abort(fromCondition);
        }
        return bad;
    }

    /** The finding of a run stopped early, by whom it was; empty when it was not. */
    Optional<Finding> finding() {
        String why = reason;
        if (why == null) {
            return Optional.empty();
        }
        if (why.equals(fromCondition)) {
            return Optional.of(new Finding(Verdict.FAIL, Finding.ABORT, "load stopped early, " + why));
        }
        return Optional.of(why.equals(fromHarness) ? new Finding(Verdict.INCONCLUSIVE, Finding.ABORT, "stopped early: " + why)
            : new Finding(Verdict.ABORTED, Finding.ABORT, why));
    }
}
