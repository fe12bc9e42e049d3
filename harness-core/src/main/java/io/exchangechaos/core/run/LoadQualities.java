package io.exchangechaos.core.run;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Whether the load generator kept to its own schedule. A harness that started too few of its planned operations, or
 * started them late, measured a different load than the scenario asked for: its latency figures cannot vouch for the
 * exchange, and the run is INCONCLUSIVE however good they look.
 */
public final class LoadQualities {
    /** Fewer started than this share of the planned operations: the load fell short. */
    public static final double MIN_STARTED_SHARE = 0.9;
    /** A p99 start lag above this: the generator fell behind its schedule. */
    public static final double MAX_LAG_P99_MILLIS = 1000;

    private LoadQualities() {
    }

    /**
     * @param stoppedEarly the load was cut short on purpose (an abort condition): fewer starts are expected then
     */
    public static RunOutcome.LoadQuality judge(long planned, long started, boolean stoppedEarly, List<Operation> ops) {
        long[] lags = ops.stream().mapToLong(Operation::lagMicros).sorted().toArray();
        double p99 = lags.length == 0 ? 0 : lags[(int) Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] / 1000.0;
        double max = lags.length == 0 ? 0 : lags[lags.length - 1] / 1000.0;
        boolean behind = planned > 0 && started < planned * MIN_STARTED_SHARE && !stoppedEarly;
        boolean late = p99 > MAX_LAG_P99_MILLIS;
        String detail = behind
            ? "the load generator started " + started + " of " + planned + " planned operations (more than 10% short), so the latency figures cannot be trusted"
            : late ? "the load generator fell behind its schedule: p99 start lag " + Math.round(p99) + " ms (limit "
                + Math.round(MAX_LAG_P99_MILLIS) + " ms); the machine was overloaded"
            : "kept to schedule: " + started + " of " + planned + " operations started, p99 start lag " + Math.round(p99) + " ms";
        return new RunOutcome.LoadQuality(planned, started, round(p99), round(max), !behind && !late, detail);
    }

    /** The INCONCLUSIVE reason a run gets from its load, if any; none for an aborted run or one that sent nothing. */
    public static Optional<String> inconclusiveReason(RunOutcome.LoadQuality quality, boolean aborted, boolean sentNothing) {
        return quality.trustworthy() || aborted || sentNothing ? Optional.empty()
            : Optional.of("INCONCLUSIVE: " + quality.detail());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
