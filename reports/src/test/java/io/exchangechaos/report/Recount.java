package io.exchangechaos.report;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.verdict.BudgetEvaluator;
import io.exchangechaos.core.verdict.Measurements;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.List;
import java.util.Map;

/**
 * What a fixture's figures must be, counted again from its saved history with the harness's own definitions
 * ({@link Measurements}, {@link BudgetEvaluator}, and the order accounting of {@code ScenarioRunner}), so the tests
 * expect what the history says rather than numbers copied from a report. Lost, duplicated and resolved orders need
 * the replicas' state at the end of the run, which no history holds: those come from the outcome, and the lost ones
 * are checked against the history (each must be an acknowledged place).
 */
public final class Recount {

    private final Fixture fixture;
    private final List<Operation> ops;
    private final Scenario scenario;
    private final Measurements measurements;

    public Recount(Fixture fixture) {
        this.fixture = fixture;
        this.ops = fixture.history();
        this.scenario = fixture.scenario();
        this.measurements = new Measurements(ops, loadStartMicros(ops), scenario);
    }

    /** The load starts with arrival 0, whose intended start is the load's start (offset 0 in the schedule). */
    public static long loadStartMicros(List<Operation> ops) {
        return ops.stream().filter(op -> op.index() == 0).findFirst()
            .orElseThrow(() -> new AssertionError("the history lacks operation 0, the load's first arrival"))
            .intendedMicros();
    }

    public List<Operation> operations() {
        return ops;
    }

    public Scenario scenario() {
        return scenario;
    }

    public long places() {
        return ops.stream().filter(Operation::isPlace).count();
    }

    public long places(Answer.Kind kind) {
        return ops.stream().filter(op -> op.isPlace() && op.answer() == kind).count();
    }

    /** Operations of any kind that ended without a known outcome (what the indeterminate budget counts). */
    public long unknownOperations() {
        return ops.stream().filter(op -> op.answer() == Answer.Kind.UNKNOWN).count();
    }

    /**
     * The order accounting: every place is sent once and ends acknowledged, rejected, failed or unknown; resolved,
     * lost and duplicated take the outcome's word (they need the replicas).
     */
    public RunOutcome.Orders orders() {
        RunOutcome.Orders said = fixture.outcome().orders();
        return new RunOutcome.Orders(places(), places(Answer.Kind.ACKNOWLEDGED), places(Answer.Kind.REJECTED),
            places(Answer.Kind.FAILED), places(Answer.Kind.UNKNOWN), said.resolved(), said.lost(), said.duplicated());
    }

    public Map<String, RunOutcome.LatencySummary> latency() {
        return measurements.latencyByPhase();
    }

    public List<RunOutcome.SecondStats> perSecond() {
        return measurements.perSecond(scenario.load().duration());
    }

    /** The fault windows as the run timed them (report.json's faults: the history does not see faults). */
    public List<RunOutcome.FaultWindow> faults() {
        return fixture.outcome().faults();
    }

    public RunOutcome.Recovery recovery() {
        return scenario.budgets().recovery()
            .map(b -> BudgetEvaluator.recovery(perSecond(), faults().stream().filter(w -> w.error() == null).toList(), b))
            .orElse(new RunOutcome.Recovery(null, "no recovery budget"));
    }

    public List<RunOutcome.BudgetResult> budgets() {
        return new BudgetEvaluator(measurements, faults()).evaluate(scenario.budgets(), recovery(), unknownOperations());
    }

    public long secondsWithFailures() {
        return perSecond().stream().filter(s -> s.failed() > 0).count();
    }
}
