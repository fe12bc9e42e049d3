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
            out.add(new RunOutcome.BudgetResult("indeterminate orders ≤ " + b.max(), Phase.OVERALL.id(), (double) b.max(),
                (double) indeterminate, "orders", ok ? Verdict.PASS : Verdict.FAIL,
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
        String name = b.percentile().id() + "(" + b.operation().id() + ") during " + b.phase().id() + " ≤ " + ms(b.max());
        List<Operation> ops = m.in(b.phase(), of(b.operation()));
        double limit = b.max().toNanos() / 1e6;
        if (ops.isEmpty()) {
            return new RunOutcome.BudgetResult(name, b.phase().id(), limit, null, "ms", Verdict.INCONCLUSIVE,
                "no " + b.operation().id() + " operations started during " + b.phase().id() + ", so nothing to measure");
        }
        double observed = Measurements.round(Measurements.percentileMillis(Measurements.histogram(ops), b.percentile()));
        boolean ok = observed <= limit;
        String detail = ok
            ? "observed " + fmt(observed) + " ms over " + ops.size() + " operations, within " + ms(b.max())
            : "Budget [" + name + "] violated: observed " + fmt(observed) + " ms over " + ops.size() + " operations"
                + where(b.phase());
        return new RunOutcome.BudgetResult(name, b.phase().id(), limit, observed, "ms", ok ? Verdict.PASS : Verdict.FAIL, detail);
    }

    private RunOutcome.BudgetResult errorRatio(Budget.ErrorRatioBudget b) {
        String name = "error ratio(" + b.operation().id() + ") during " + b.phase().id() + " ≤ " + pct(b.max());
        List<Operation> ops = m.in(b.phase(), of(b.operation()));
        if (ops.isEmpty()) {
            return new RunOutcome.BudgetResult(name, b.phase().id(), b.max(), null, "ratio", Verdict.INCONCLUSIVE,
                "no operations started during " + b.phase().id());
        }
        double observed = Measurements.errorRatio(ops);
        long bad = ops.stream().filter(op -> op.outcome() != Outcome.OK).count();
        boolean ok = observed <= b.max();
        String detail = (ok ? "observed " : "Budget [" + name + "] violated: observed ") + pct(observed) + " ("
            + bad + " of " + ops.size() + " not acknowledged)" + (ok ? "" : where(b.phase()));
        return new RunOutcome.BudgetResult(name, b.phase().id(), b.max(), Measurements.round(observed), "ratio",
            ok ? Verdict.PASS : Verdict.FAIL, detail);
    }

    private RunOutcome.BudgetResult recovery(Budget.RecoveryBudget b, RunOutcome.Recovery recovery) {
        String name = "recovery ≤ " + ms(b.max());
        double limit = b.max().toNanos() / 1e9;
        if (recovery.seconds() == null) {
            return new RunOutcome.BudgetResult(name, Phase.FAULT.id(), limit, null, "s", Verdict.FAIL,
                "Budget [" + name + "] violated: " + recovery.detail());
        }
        boolean ok = recovery.seconds() <= limit;
        return new RunOutcome.BudgetResult(name, Phase.FAULT.id(), limit, recovery.seconds(), "s",
            ok ? Verdict.PASS : Verdict.FAIL, (ok ? "" : "Budget [" + name + "] violated: ") + recovery.detail());
    }

    /**
     * For each fault, the time from its injection to the start of the first window of {@code window} seconds in
     * which every second meets the latency and error limits; the run's recovery is the slowest of them.
     */
    public static RunOutcome.Recovery recovery(List<RunOutcome.SecondStats> seconds, List<RunOutcome.FaultWindow> faults,
                                               Budget.RecoveryBudget b) {
        if (faults.isEmpty()) {
            return new RunOutcome.Recovery(0.0, "no faults were injected");
        }
        int window = (int) Math.max(1, Math.ceil(b.window().toMillis() / 1000.0));
        double limitMs = b.latency().toNanos() / 1e6;
        double worst = 0;
        String worstDetail = null;
        for (RunOutcome.FaultWindow f : faults) {
            int from = (int) Math.floor(f.startSecond());
            Integer found = null;
            for (int t = from; t + window <= seconds.size(); t++) {
                boolean good = true;
                for (int i = t; i < t + window && good; i++) {
                    RunOutcome.SecondStats s = seconds.get(i);
                    double err = s.sent() == 0 ? 0 : (double) s.failed() / s.sent();
                    double lat = b.percentile() == Percentile.P50 ? s.p50() : s.p99();
                    good = s.sent() > 0 && err <= b.maxErrorRatio() && lat <= limitMs;
                }
                if (good) {
                    found = t;
                    break;
                }
            }
            if (found == null) {
                return new RunOutcome.Recovery(null, "after [" + f.name() + "] at " + fmt(f.startSecond())
                    + " s no " + window + " s window met " + b.percentile().id() + " ≤ " + ms(b.latency())
                    + " and errors ≤ " + pct(b.maxErrorRatio()) + " before the load ended");
            }
            double took = Math.max(0, found - f.startSecond());
            if (took >= worst) {
                worst = took;
                worstDetail = "slowest recovery " + fmt(took) + " s after [" + f.name() + "] at " + fmt(f.startSecond())
                    + " s: first " + window + " s window with " + b.percentile().id() + " ≤ " + ms(b.latency())
                    + " and errors ≤ " + pct(b.maxErrorRatio()) + " began at " + found + " s";
            }
        }
        return new RunOutcome.Recovery(Measurements.round(worst), worstDetail);
    }

    private String where(Phase phase) {
        if (phase != Phase.FAULT || faults.isEmpty()) {
            return " (" + phase.id() + ")";
        }
        StringBuilder sb = new StringBuilder(" (fault: ");
        for (int i = 0; i < faults.size(); i++) {
            RunOutcome.FaultWindow f = faults.get(i);
            sb.append(i == 0 ? "" : "; ").append(f.name()).append(", ").append(fmt(f.startSecond())).append("s–")
                .append(f.endSecond() == null ? "end" : fmt(f.endSecond()) + "s");
        }
        return sb.append(")").toString();
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
