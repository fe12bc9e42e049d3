package io.exchangechaos.core.verdict;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.scenario.Budget;
import io.exchangechaos.core.scenario.Budgets;
import io.exchangechaos.core.scenario.OrderOperation;
import io.exchangechaos.core.scenario.Percentile;
import io.exchangechaos.core.scenario.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Checks each budget against the measurements; every result names what it saw and where. */
public final class BudgetEvaluator {
    private final Measurements m;
    private final List<RunOutcome.FaultWindow> faults;

    public BudgetEvaluator(Measurements m, List<RunOutcome.FaultWindow> faults) {
        this.m = m;
        this.faults = faults;
    }

    public List<RunOutcome.BudgetResult> evaluate(Budgets budgets, RunOutcome.Recovery recovery, long indeterminate) {
        List<RunOutcome.BudgetResult> out = new ArrayList<>();
        budgets.latency().forEach(b -> out.add(latency(b)));
        budgets.errorRatio().forEach(b -> out.add(errorRatio(b)));
        budgets.recovery().ifPresent(b -> out.add(recovery(b, recovery)));
        budgets.indeterminate().ifPresent(b -> {
            boolean ok = indeterminate <= b.max();
            out.add(new RunOutcome.BudgetResult(name(b), Phase.OVERALL, b.max(), Optional.of((double) indeterminate),
                "orders", ok ? Verdict.PASS : Verdict.FAIL,
                (ok ? "within budget: " : "Budget [indeterminate ≤ " + b.max() + "] violated: ")
                    + indeterminate + " operations had no known outcome when they ended"));
        });
        return out;
    }

    private static Predicate<Operation> of(OrderOperation operation) {
        return switch (operation) {
            case PLACE -> Operation::isPlace;
            case CANCEL -> Operation::isCancel;
            case QUERY -> op -> "query".equals(op.op());
            case ANY -> op -> true;
        };
    }

    private RunOutcome.BudgetResult latency(Budget.LatencyBudget b) {
        String name = name(b);
        List<Operation> ops = m.in(b.phase(), of(b.operation()));
        double limit = b.max().toNanos() / 1e6;
        if (ops.isEmpty()) {
            return new RunOutcome.BudgetResult(name, b.phase(), limit, Optional.empty(), "ms", Verdict.INCONCLUSIVE,
                "no " + b.operation().id() + " operations started during " + b.phase().id() + ", so nothing to measure");
        }
        double observed = Measurements.round(Measurements.percentileMillis(Measurements.histogram(ops), b.percentile()));
        boolean ok = observed <= limit;
        String detail = ok
            ? "observed " + fmt(observed) + " ms over " + ops.size() + " operations, within " + ms(b.max())
            : "Budget [" + name + "] violated: observed " + fmt(observed) + " ms over " + ops.size() + " operations"
                + where(b.phase());
        return new RunOutcome.BudgetResult(name, b.phase(), limit, Optional.of(observed), "ms", ok ? Verdict.PASS : Verdict.FAIL,
            detail);
    }

    private RunOutcome.BudgetResult errorRatio(Budget.ErrorRatioBudget b) {
        String name = name(b);
        List<Operation> ops = m.in(b.phase(), of(b.operation()));
        if (ops.isEmpty()) {
            return new RunOutcome.BudgetResult(name, b.phase(), b.max(), Optional.empty(), "ratio", Verdict.INCONCLUSIVE,
                "no operations started during " + b.phase().id());
        }
        double observed = Measurements.errorRatio(ops);
        long bad = ops.stream().filter(op -> op.outcome() != Outcome.OK).count();
        boolean ok = observed <= b.max();
        String detail = (ok ? "observed " : "Budget [" + name + "] violated: observed ") + pct(observed) + " ("
            + bad + " of " + ops.size() + " not acknowledged)" + (ok ? "" : where(b.phase()));
        return new RunOutcome.BudgetResult(name, b.phase(), b.max(), Optional.of(Measurements.round(observed)), "ratio",
            ok ? Verdict.PASS : Verdict.FAIL, detail);
    }

    private RunOutcome.BudgetResult recovery(Budget.RecoveryBudget b, RunOutcome.Recovery recovery) {
        String name = name(b);
        double limit = b.max().toNanos() / 1e9;
        if (recovery.took().isEmpty()) {
            return new RunOutcome.BudgetResult(name, Phase.FAULT, limit, Optional.empty(), "s", Verdict.FAIL,
                "Budget [" + name + "] violated: " + recovery.detail());
        }
        double seconds = seconds(recovery.took().get());
        boolean ok = seconds <= limit;
        return new RunOutcome.BudgetResult(name, Phase.FAULT, limit, Optional.of(seconds), "s",
            ok ? Verdict.PASS : Verdict.FAIL, (ok ? "" : "Budget [" + name + "] violated: ") + recovery.detail());
    }

    /**
     * For each fault, the time from its injection to the start of the first window of {@code window} seconds in
     * which every second meets the latency and error limits; the run's recovery is the slowest of them.
     */
    public static RunOutcome.Recovery recovery(List<RunOutcome.SecondStats> seconds, List<RunOutcome.FaultWindow> faults,
                                               Budget.RecoveryBudget b) {
        if (faults.isEmpty()) {
            return new RunOutcome.Recovery(Optional.of(Duration.ZERO), "no faults were injected");
        }
        int window = (int) Math.max(1, Math.ceil(b.window().toMillis() / 1000.0));
        double limitMs = b.latency().toNanos() / 1e6;
        double worst = 0;
        String worstDetail = null;
        for (RunOutcome.FaultWindow f : faults) {
            double start = seconds(f.start());
            int from = (int) Math.floor(start);
            Integer found = null;
            for (int t = from; t + window <= seconds.size(); t++) {
                boolean good = true;
                for (int i = t; i < t + window && good; i++) {
                    RunOutcome.SecondStats s = seconds.get(i);
                    double err = s.sent() == 0 ? 0 : (double) s.failed() / s.sent();
                    double lat = (b.percentile() == Percentile.P50 ? s.p50() : s.p99()).toNanos() / 1e6;
                    good = s.sent() > 0 && err <= b.maxErrorRatio() && lat <= limitMs;
                }
                if (good) {
                    found = t;
                    break;
                }
            }
            if (found == null) {
                return new RunOutcome.Recovery(Optional.empty(), "after [" + f.name() + "] at " + fmt(start)
                    + " s no " + window + " s window met " + b.percentile().id() + " ≤ " + ms(b.latency())
                    + " and errors ≤ " + pct(b.maxErrorRatio()) + " before the load ended");
            }
            double took = Math.max(0, found - start);
            if (took >= worst) {
                worst = took;
                worstDetail = "slowest recovery " + fmt(took) + " s after [" + f.name() + "] at " + fmt(start)
                    + " s: first " + window + " s window with " + b.percentile().id() + " ≤ " + ms(b.latency())
                    + " and errors ≤ " + pct(b.maxErrorRatio()) + " began at " + found + " s";
            }
        }
        // to the millisecond, as report.json has always given it
        return new RunOutcome.Recovery(Optional.of(Duration.ofMillis(Math.round(worst * 1000.0))), worstDetail);
    }

    private String where(Phase phase) {
        if (phase != Phase.FAULT || faults.isEmpty()) {
            return " (" + phase.id() + ")";
        }
        StringBuilder sb = new StringBuilder(" (fault: ");
        for (int i = 0; i < faults.size(); i++) {
            RunOutcome.FaultWindow f = faults.get(i);
            sb.append(i == 0 ? "" : "; ").append(f.name()).append(", ").append(fmt(seconds(f.start()))).append("s–")
                .append(f.end().map(e -> fmt(seconds(e)) + "s").orElse("end"));
        }
        return sb.append(")").toString();
    }

    /**
     * The name a budget's result carries, as report.json and every report show it: {@code p99(place) during fault ≤
     * 1 s}, {@code error ratio(any) during fault ≤ 5.00%}, {@code recovery ≤ 20 s}, {@code indeterminate orders ≤ 50}.
     */
    public static String name(Budget budget) {
        if (budget instanceof Budget.LatencyBudget b) {
            return namePrefix(new Budget.LatencyBudget.During(b.percentile(), b.operation(), b.phase())) + ms(b.max());
        } else if (budget instanceof Budget.ErrorRatioBudget b) {
            return namePrefix(new Budget.ErrorRatioBudget.During(b.operation(), b.phase())) + pct(b.max());
        } else if (budget instanceof Budget.RecoveryBudget b) {
            return RECOVERY_NAME_PREFIX + ms(b.max());
        }
        return "indeterminate orders ≤ " + ((Budget.IndeterminateBudget) budget).max();
    }

    /** What the name of the recovery budget starts with, whatever its limit. */
    public static final String RECOVERY_NAME_PREFIX = "recovery ≤ ";

    /** What the name of every latency budget on this percentile, operation and phase starts with, whatever its limit. */
    public static String namePrefix(Budget.LatencyBudget.During b) {
        return b.percentile().id() + "(" + b.operation().id() + ") during " + b.phase().id() + " ≤ ";
    }

    /** What the name of every error-ratio budget on this operation and phase starts with, whatever its limit. */
    public static String namePrefix(Budget.ErrorRatioBudget.During b) {
        return "error ratio(" + b.operation().id() + ") during " + b.phase().id() + " ≤ ";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static String ms(Duration d) {
        return d.toMillis() % 1000 == 0 && d.toMillis() >= 1000 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }
}
