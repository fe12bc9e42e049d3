package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.AdapterInfo;
import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.check.CheckContext;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.verdict.BudgetEvaluator;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Measurements;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the run proved: its faults' windows, measurements, budgets and invariants (only once every order was
 * reconciled), the quality of its load, and why it stopped early if it did, each turned into {@link Finding}s. The
 * outcome's verdict is their merge ({@link Verdict#mergeFindings}), and they are listed worst first.
 */
final class Judgement {
    private Judgement() {
    }

    /** The outcome of the run so far; {@code rec} is null when it never got to reconcile (stopped, or the stack never served). */
    static RunOutcome judge(RunContext ctx, List<Operation> ops, Reconciliation rec) {
        Scenario scenario = ctx.scenario;
        List<RunOutcome.FaultWindow> windows = faultWindows(ctx);
        Measurements m = new Measurements(ops, ctx.loadStartMicros, scenario);
        List<RunOutcome.SecondStats> perSecond = ops.isEmpty() ? List.of() : m.perSecond(scenario.load().duration());
        RunOutcome.Recovery recovery = scenario.budgets().recovery()
            .map(b -> BudgetEvaluator.recovery(perSecond, windows.stream().filter(RunOutcome.FaultWindow::injected).toList(), b))
            .orElse(RunOutcome.Recovery.NOT_MEASURED);
        long indeterminate = ops.stream().filter(o -> o.answer() == Answer.Kind.UNKNOWN).count();

        List<RunOutcome.BudgetResult> budgets = List.of();
        List<RunOutcome.InvariantResult> invariants = List.of();
        Optional<Finding> stoppedEarly = ctx.abort.finding();
        Optional<String> full = stoppedEarly.isPresent() ? Optional.empty() : RunDirSpace.check(ctx.runDir);
        if (stoppedEarly.isPresent()) {
            ctx.findings.add(0, stoppedEarly.get());
        } else if (full.isPresent()) {
            // full after the stack filled it, though the run was not stopped for it (the stack never started, say)
            ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.RUN, full.get()));
        } else if (ctx.historyFailure != null) {
            ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.RUN, "history.jsonl is incomplete (" + ctx.historyFailure + ")"));
        }
        if (rec != null) {
            budgets = new BudgetEvaluator(m, windows).evaluate(scenario.budgets(), recovery, indeterminate);
            invariants = Checkers.check(scenario.invariants(), checkContext(ctx, ops, rec));
            budgets.stream().filter(b -> b.verdict() != Verdict.PASS)
                .forEach(b -> ctx.findings.add(new Finding(b.verdict(), b.name(), b.detail())));
            // one this exchange cannot show at all is listed as not checked, but does not make the run inconclusive
            invariants.stream().filter(i -> i.verdict() != Verdict.PASS && i.counts())
                .forEach(i -> ctx.findings.add(new Finding(i.verdict(), i.name(), "invariant [" + i.name() + "] "
                    + i.detail() + (i.examples().isEmpty() ? "" : "; e.g. " + i.examples().get(0)))));
        }
        RunOutcome.LoadQuality quality = LoadQualities.judge(ctx.plannedArrivals, ctx.startedArrivals,
            ctx.stoppedEarly, ops, ctx.canary);
        LoadQualities.inconclusive(quality, stoppedEarly.isPresent(), ops.isEmpty()).ifPresent(ctx.findings::add);
        List<RunOutcome.PhaseWindow> phases = new ArrayList<>();
        for (Phase p : List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY)) {
            scenario.window(p).ifPresent(w -> phases.add(new RunOutcome.PhaseWindow(p, w.start(), w.end())));
        }
        return RunOutcome.builder()
            .runId(ctx.runId)
            .scenario(new RunOutcome.ScenarioInfo(scenario.name(), Optional.ofNullable(ctx.scenarioFile),
                Optional.ofNullable(Workspace.sha256(ctx.runDir.resolve(Workspace.SCENARIO_FILE))), scenario.incident(),
                scenario.description()))
            .topology(ctx.topology.spec()).backend(ctx.options.backend()).weakness(ctx.weakness.id())
            .startedAt(ctx.startedAt).finishedAt(Instant.now())
            .findings(ctx.findings).budgets(budgets).invariants(invariants).orders(orders(ctx, ops, rec))
            .latency(ops.isEmpty() ? Map.of() : m.latencyByPhase()).recovery(recovery)
            .faults(windows).phases(phases).perSecond(perSecond)
            .steadyState(new RunOutcome.SteadyStates(Optional.ofNullable(ctx.steadyBefore), Optional.ofNullable(ctx.steadyAfter)))
            .load(quality).notes(ctx.options.gate().notes()).participants(ctx.options.gate().participants())
            .decisions(ctx.options.gate().decisions()).environment(Environments.current(ctx.secrets))
            .adapter(ctx.adapter == null ? null : AdapterInfo.of(ctx.adapter))
            .build();
    }

    /** Every step that went in, with when it was due, in effect and healed, and every step that could not: by start. */
    private static List<RunOutcome.FaultWindow> faultWindows(RunContext ctx) {
        List<RunOutcome.FaultWindow> windows = new ArrayList<>();
        for (Map.Entry<ActiveStep, Double> e : ctx.faultStart.entrySet()) {
            ActiveStep f = e.getKey();
            windows.add(new RunOutcome.FaultWindow(f.step(), f.type(), f.target(), f.injectedAt(), f.healedAt(),
                toMillis(e.getValue()), Optional.ofNullable(ctx.faultEnd.get(f)).map(Judgement::toMillis),
                Optional.empty(), Optional.ofNullable(ctx.faultDue.get(f))));
        }
        windows.addAll(ctx.failedFaults);
        windows.sort(Comparator.comparing(RunOutcome.FaultWindow::start));
        return windows;
    }

    private static CheckContext checkContext(RunContext ctx, List<Operation> ops, Reconciliation rec) {
        return new CheckContext(ops, rec.replicas(), ctx.totalsBefore, rec.resolutions(), rec.unreachable(),
            ctx.adapter.name(), ctx.adapter.capabilities(), rec.lookedUp(), rec.lookUpsCut());
    }

    private static RunOutcome.Orders orders(RunContext ctx, List<Operation> ops, Reconciliation rec) {
        long sent = 0;
        long acked = 0;
        long rejected = 0;
        long failed = 0;
        long unknown = 0;
        long resolved = 0;
        for (Operation op : ops) {
            if (!op.isPlace()) {
                continue;
            }
            sent++;
            switch (op.answer()) {
                case ACKNOWLEDGED -> acked++;
                case REJECTED -> rejected++;
                case FAILED -> failed++;
                case UNKNOWN -> {
                    unknown++;
                    if (rec != null && rec.resolutions().containsKey(op.clientOrderId())) {
                        resolved++;
                    }
                }
            }
        }
        long lost = 0;
        long duplicated = 0;
        if (rec != null) {
            var checks = Checkers.check(List.of(Invariant.NO_LOST_ACKED_ORDERS, Invariant.NO_DUPLICATE_ORDERS),
                checkContext(ctx, ops, rec));
            lost = violations(checks, Invariant.NO_LOST_ACKED_ORDERS);
            duplicated = violations(checks, Invariant.NO_DUPLICATE_ORDERS);
        }
        return new RunOutcome.Orders(sent, acked, rejected, failed, unknown, resolved, lost, duplicated);
    }

    private static long violations(List<RunOutcome.InvariantResult> results, Invariant invariant) {
        // an order not looked up is counted by the result's violations, but is not lost
        return results.stream().filter(r -> r.invariant().equals(invariant) && r.verdict() == Verdict.FAIL)
            .mapToLong(RunOutcome.InvariantResult::violations).findFirst().orElse(0);
    }

    /** Seconds since load start, to the millisecond, as report.json has always given them. */
    private static Duration toMillis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
