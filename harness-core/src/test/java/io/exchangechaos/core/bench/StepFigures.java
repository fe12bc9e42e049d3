package io.exchangechaos.core.bench;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.load.LoadRun;
import io.exchangechaos.core.run.LoadQualities;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmark step measured, computed from its operations the way the harness computes a run: the trust
 * rule is {@link LoadQualities#judge} itself; percentiles use its index rule ({@code floor(n * q)} of the sorted
 * values).
 *
 * @param offered       the planned rate (operations per second)
 * @param planned       operations the schedule planned
 * @param started       operations the generator started
 * @param achieved      acknowledged operations per second of the step, counting only answers that came inside the
 *                      step's window (a backlog answered after it does not count)
 * @param errorRatio    operations without a definite success (failed, rejected, unknown) over all answered
 * @param lagP99Millis  p99 of (actual send - scheduled send)
 * @param trustworthy   the harness's own rule: started ≥ 90 % of planned, p99 lag ≤ 1 s, and (with a canary) the
 *                      generator's own latency p99 ≤ 250 ms
 * @param ownP99Millis  p99 of the canary (a stand-in on loopback that answers at once) through the same engine; NaN
 *                      without one
 * @param cpuMillisPerOp CPU of every measured process over the step, per answered operation
 */
record StepFigures(String label, double offered, double seconds, long planned, long started, long answered,
                   double achieved, double errorRatio, double p50, double p99, double p999, double max,
                   double lagP99Millis, boolean trustworthy, double cpuMillisPerOp, double machineBusy,
                   double ownP99Millis) {

    static final String HEADER = "| run | offered/s | planned | started | achieved ok/s | errors | ack p50 ms | ack p99 ms "
        + "| ack p99.9 ms | max ms | lag p99 ms | own p99 ms | trusted | CPU ms/op | machine busy |";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /**
     * @param ops          the step's operations (answered ones; what the history holds)
     * @param windowStart  when the step's schedule started (µs since the epoch)
     * @param cpuMillis    CPU spent by the measured processes over the step
     */
    static StepFigures of(String label, double rate, double seconds, long planned, long started, List<Operation> ops,
                          long windowStart, double cpuMillis, double machineBusy) {
        return of(label, rate, seconds, planned, started, ops, windowStart, cpuMillis, machineBusy, null);
    }

    /** @param canary what the generator measured of itself, or null */
    static StepFigures of(String label, double rate, double seconds, long planned, long started, List<Operation> ops,
                          long windowStart, double cpuMillis, double machineBusy, LoadRun.Canary canary) {
        long windowEnd = windowStart + (long) (seconds * 1_000_000);
        long okInWindow = 0;
        long bad = 0;
        List<Long> acked = new ArrayList<>();
        for (Operation op : ops) {
            if (op.outcome() == Outcome.OK) {
                acked.add(op.latencyMicros());
                if (op.completedMicros() <= windowEnd) {
                    okInWindow++;
                }
            } else {
                bad++;
            }
        }
        long[] lat = acked.stream().mapToLong(Long::longValue).sorted().toArray();
        RunOutcome.LoadQuality q = LoadQualities.judge(planned, started, false, ops, canary);
        return new StepFigures(label, rate, seconds, planned, started, ops.size(), okInWindow / seconds,
            ops.isEmpty() ? 0 : (double) bad / ops.size(), pct(lat, 0.50), pct(lat, 0.99), pct(lat, 0.999),
            lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0, q.lagP99().toNanos() / 1e6, q.trustworthy(),
            ops.isEmpty() ? Double.NaN : cpuMillis / ops.size(), machineBusy,
            canary == null || canary.samples() == 0 ? Double.NaN : canary.p99Millis());
    }

    /** The value at quantile q of sorted microseconds, in milliseconds; NaN when there is none. */
    static double pct(long[] sortedMicros, double q) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.floor(sortedMicros.length * q))] / 1000.0;
    }

    /** Meets a latency target: trusted, p99 within it, and at most 1 % errors. */
    boolean meets(double p99LimitMillis) {
        return trustworthy && !Double.isNaN(p99) && p99 <= p99LimitMillis && errorRatio <= 0.01;
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.1f | %.2f %% | %s | %s | %s | %s | %.0f | %s | %s | %.2f | %.0f %% |",
            label, offered, planned, started, achieved, errorRatio * 100, ms(p50), ms(p99), ms(p999), ms(max),
            lagP99Millis, ms(ownP99Millis), trustworthy ? "yes" : "**no**", cpuMillisPerOp, machineBusy * 100);
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * The step conclusions: the highest offered rate that met the target (trusted, p99 within the limit, ≤ 1 %
     * errors, and every lower step met it too), and the saturation point — the most acknowledged operations per
     * second any step achieved, and the first offered rate whose achieved rate fell more than 10 % short of it.
     */
    static String conclusion(List<StepFigures> steps, double p99LimitMillis) {
        double best = Double.NaN;
        for (StepFigures s : steps) {
            if (!s.meets(p99LimitMillis)) {
                break;
            }
            best = s.offered;
        }
        double peak = 0;
        double peakAt = Double.NaN;
        double shortAt = Double.NaN;
        for (StepFigures s : steps) {
            if (s.achieved > peak) {
                peak = s.achieved;
                peakAt = s.offered;
            }
            if (Double.isNaN(shortAt) && s.achieved < 0.9 * s.offered) {
                shortAt = s.offered;
            }
        }
        return String.format(Locale.ROOT, "highest rate meeting p99 ≤ %.0f ms (trusted, ≤ 1 %% errors): %s; "
                + "peak achieved %.0f ok/s (offered %.0f/s); first step achieving < 90 %% of offered: %s",
            p99LimitMillis, Double.isNaN(best) ? "none" : String.format(Locale.ROOT, "%.0f/s", best), peak, peakAt,
            Double.isNaN(shortAt) ? "none" : String.format(Locale.ROOT, "%.0f/s", shortAt));
    }
}
