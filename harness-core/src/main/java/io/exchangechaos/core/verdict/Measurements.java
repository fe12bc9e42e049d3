package io.exchangechaos.core.verdict;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.scenario.Percentile;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Figures computed from the history alone, so that a saved history gives the same figures again. An operation
 * belongs to the phase and second in which the schedule meant it to start, with one exception: an operation meant to
 * start in the baseline but still unanswered when the first fault was due met that fault, so it is measured in the
 * fault phase (the baseline is the exchange undisturbed; an order in flight on a leader killed under it is not).
 * Latencies are recorded in microseconds and reported in milliseconds.
 */
public final class Measurements {
    private final List<Operation> ops;
    private final long loadStartMicros;
    private final Map<Phase, Scenario.Window> windows = new EnumMap<>(Phase.class);

    public Measurements(List<Operation> ops, long loadStartMicros, Scenario scenario) {
        this.ops = List.copyOf(ops);
        this.loadStartMicros = loadStartMicros;
        for (Phase p : Phase.values()) {
            scenario.window(p).ifPresent(w -> windows.put(p, w));
        }
    }

    public List<Operation> operations() {
        return ops;
    }

    public Optional<Scenario.Window> window(Phase phase) {
        return Optional.ofNullable(windows.get(phase));
    }

    /** Seconds after load start at which the operation was meant to start. */
    public double offsetSeconds(Operation op) {
        return (op.intendedMicros() - loadStartMicros) / 1e6;
    }

    public List<Operation> in(Phase phase, Predicate<Operation> filter) {
        Scenario.Window w = windows.get(phase);
        if (w == null) {
            return List.of();
        }
        double start = w.start().toNanos() / 1e9;
        double end = w.end().toNanos() / 1e9;
        double faultDue = Optional.ofNullable(windows.get(Phase.FAULT)).map(f -> f.start().toNanos() / 1e9)
            .orElse(Double.MAX_VALUE);
        List<Operation> out = new ArrayList<>();
        for (Operation op : ops) {
            double t = offsetSeconds(op);
            boolean last = phase == Phase.OVERALL || phase == Phase.RECOVERY;
            boolean inWindow = t >= start && (t < end || last);
            boolean metTheFault = t < faultDue && answeredSeconds(op) >= faultDue;
            boolean in = switch (phase) {
                case BASELINE -> inWindow && !metTheFault;
                case FAULT -> inWindow || metTheFault;
                default -> inWindow;
            };
            if (in && filter.test(op)) {
                out.add(op);
            }
        }
        return out;
    }

    /** Seconds after load start at which the operation's answer came (or it gave up). */
    public double answeredSeconds(Operation op) {
        long answered = op.completedMicros() > 0 ? op.completedMicros() : op.sentMicros() + op.latencyMicros();
        return (answered - loadStartMicros) / 1e6;
    }

    public static Histogram histogram(List<Operation> ops) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (Operation op : ops) {
            h.recordValue(Math.max(1, Math.min(op.latencyMicros(), 3_600_000_000L)));
        }
        return h;
    }

    public static double percentileMillis(Histogram h, Percentile p) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return micros(h, p) / 1000.0;
    }

    /** The percentile, to the microsecond; zero for an empty histogram. */
    public static Duration percentile(Histogram h, Percentile p) {
        return h.getTotalCount() == 0 ? Duration.ZERO : Duration.of(micros(h, p), ChronoUnit.MICROS);
    }

    private static long micros(Histogram h, Percentile p) {
        return switch (p) {
            case P50 -> h.getValueAtPercentile(50);
            case P90 -> h.getValueAtPercentile(90);
            case P99 -> h.getValueAtPercentile(99);
            case P999 -> h.getValueAtPercentile(99.9);
            case MAX -> h.getMaxValue();
        };
    }

    public static RunOutcome.LatencySummary summary(List<Operation> ops) {
        Histogram h = histogram(ops);
        if (h.getTotalCount() == 0) {
            return RunOutcome.LatencySummary.NONE;
        }
        return new RunOutcome.LatencySummary(h.getTotalCount(), percentile(h, Percentile.P50),
            percentile(h, Percentile.P90), percentile(h, Percentile.P99), percentile(h, Percentile.P999),
            percentile(h, Percentile.MAX));
    }

    /** Latency of every operation by phase, in phase order; phases of zero length are left out. */
    public Map<Phase, RunOutcome.LatencySummary> latencyByPhase() {
        Map<Phase, RunOutcome.LatencySummary> out = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            if (windows.containsKey(p)) {
                out.put(p, summary(in(p, op -> true)));
            }
        }
        return out;
    }

    /** Not acknowledged, over all: a rejection of a valid order is as much an outage to a trader as a timeout. */
    public static double errorRatio(List<Operation> ops) {
        if (ops.isEmpty()) {
            return Double.NaN;
        }
        long bad = ops.stream().filter(op -> op.outcome() != Outcome.OK).count();
        return (double) bad / ops.size();
    }

    /** Per second of the load (by intended start): counts and latency percentiles. */
    public List<RunOutcome.SecondStats> perSecond(Duration loadDuration) {
        int seconds = (int) Math.ceil(loadDuration.toMillis() / 1000.0);
        List<List<Operation>> buckets = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            buckets.add(new ArrayList<>());
        }
        for (Operation op : ops) {
            int t = (int) Math.floor(offsetSeconds(op));
            if (t >= 0 && t < seconds) {
                buckets.get(t).add(op);
            }
        }
        List<RunOutcome.SecondStats> out = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            List<Operation> b = buckets.get(t);
            long ok = b.stream().filter(op -> op.outcome() == Outcome.OK).count();
            Histogram h = histogram(b);
            out.add(new RunOutcome.SecondStats(t, b.size(), ok, b.size() - ok, percentile(h, Percentile.P50),
                percentile(h, Percentile.P99)));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
