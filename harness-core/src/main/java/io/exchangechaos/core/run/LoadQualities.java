package io.exchangechaos.core.run;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.load.LoadRun;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the load generator kept to its own schedule. A harness that started too few of its planned operations, or
 * started them late, measured a different load than the scenario asked for: its latency figures cannot vouch for the
 * exchange, and the run is INCONCLUSIVE however good they look. So is one whose own latency was large: a generator
 * that keeps its schedule can still be too busy to read answers on time, and then every latency it reports includes
 * its own delay. Its canary (a stand-in on loopback that answers at once, asked through the same engine) measures
 * that delay.
 */
public final class LoadQualities {
    /** Fewer started than this share of the planned operations: the load fell short. */
    public static final double MIN_STARTED_SHARE = 0.9;
    /** A p99 start lag above this: the generator fell behind its schedule. */
    public static final double MAX_LAG_P99_MILLIS = 1000;
    /** A canary p99 above this: the generator's own delay would distort the latencies it reports. */
    public static final double MAX_CANARY_P99_MILLIS = 250;
    /** Fewer canary answers than this: too few to judge by. */
    static final long MIN_CANARY_SAMPLES = 20;

    private LoadQualities() {
    }

    /**
     * @param stoppedEarly the load was cut short on purpose (an abort condition): fewer starts are expected then
     */
    public static RunOutcome.LoadQuality judge(long planned, long started, boolean stoppedEarly, List<Operation> ops) {
        return judge(planned, started, stoppedEarly, ops, null);
    }

    /** @param canary what the load's canary measured, or null when it had none */
    public static RunOutcome.LoadQuality judge(long planned, long started, boolean stoppedEarly, List<Operation> ops,
                                               LoadRun.Canary canary) {
        long[] lags = ops.stream().mapToLong(Operation::lagMicros).sorted().toArray();
        long p99Micros = lags.length == 0 ? 0 : lags[(int) Math.min(lags.length - 1, Math.floor(lags.length * 0.99))];
        long maxMicros = lags.length == 0 ? 0 : lags[lags.length - 1];
        double p99 = p99Micros / 1000.0;
        boolean behind = planned > 0 && started < planned * MIN_STARTED_SHARE && !stoppedEarly;
        boolean late = p99 > MAX_LAG_P99_MILLIS;
        boolean judged = canary != null && canary.samples() >= MIN_CANARY_SAMPLES;
        boolean slowItself = judged && canary.p99Millis() > MAX_CANARY_P99_MILLIS;
        boolean deaf = canary != null && canary.failures() > Math.max(2, (canary.samples() + canary.failures()) / 10);
        String own = !judged ? "" : ", own latency p99 " + Math.round(canary.p99Millis()) + " ms";
        String detail = behind
            ? "the load generator started " + started + " of " + planned + " planned operations (more than 10% short), so the latency figures cannot be trusted"
            : late ? "the load generator fell behind its schedule: p99 start lag " + Math.round(p99) + " ms (limit "
                + Math.round(MAX_LAG_P99_MILLIS) + " ms); the machine was overloaded"
            : deaf ? "the load generator could not reach its own stand-in on loopback (" + canary.failures() + " of "
                + (canary.samples() + canary.failures()) + " canary requests unanswered), so its figures cannot be trusted"
            : slowItself ? "the load generator was too busy to read answers on time: a stand-in on loopback that answers"
                + " at once measured p99 " + Math.round(canary.p99Millis()) + " ms through it (limit "
                + Math.round(MAX_CANARY_P99_MILLIS) + " ms), and every latency it reports includes that delay"
            : "kept to schedule: " + started + " of " + planned + " operations started, p99 start lag " + Math.round(p99)
                + " ms" + own;
        return new RunOutcome.LoadQuality(planned, started, Duration.of(p99Micros, ChronoUnit.MICROS),
            Duration.of(maxMicros, ChronoUnit.MICROS), !behind && !late && !deaf && !slowItself, detail,
            canary == null ? OptionalLong.empty() : OptionalLong.of(canary.samples()),
            // to the microsecond, as report.json has always given it
            canary == null ? Optional.empty() : Optional.of(Duration.of(Math.round(canary.p99Millis() * 1000), ChronoUnit.MICROS)));
    }

    /** The INCONCLUSIVE finding a run gets from its load, if any; none for an aborted run or one that sent nothing. */
    public static Optional<Finding> inconclusive(RunOutcome.LoadQuality quality, boolean aborted, boolean sentNothing) {
        return quality.trustworthy() || aborted || sentNothing ? Optional.empty()
            : Optional.of(new Finding(Verdict.INCONCLUSIVE, Finding.LOAD, quality.detail()));
    }
}
