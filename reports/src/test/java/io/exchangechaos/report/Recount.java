package io.exchangechaos.report;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.verdict.BudgetEvaluator;
import io.exchangechaos.core.verdict.Measurements;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
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
    public ReportJson.Orders orders() {
        ReportJson.Orders said = fixture.outcome().orders();
        return new ReportJson.Orders(places(), places(Answer.Kind.ACKNOWLEDGED), places(Answer.Kind.REJECTED),
            places(Answer.Kind.FAILED), places(Answer.Kind.UNKNOWN), said.resolved(), said.lost(), said.duplicated());
    }

    public Map<String, ReportJson.LatencySummary> latency() {
        return recounted().latency();
    }

    public List<ReportJson.SecondStats> perSecond() {
        return recounted().perSecond();
    }

    /** The fault windows as the run timed them (report.json's faults: the history does not see faults). */
    public List<ReportJson.FaultWindow> faults() {
        return fixture.outcome().faults();
    }

    public ReportJson.Recovery recovery() {
        return recounted().recovery();
    }

    public List<ReportJson.BudgetResult> budgets() {
        return recounted().budgets();
    }

    /**
     * The fixture's outcome with every figure the history gives counted again by the harness's own code, in
     * report.json's spelling (through the one mapping, {@link ReportJson#of}).
     */
    private ReportJson recounted() {
        RunOutcome said = fixture.outcome().toOutcome();
        List<RunOutcome.SecondStats> seconds = measurements.perSecond(scenario.load().duration());
        RunOutcome.Recovery recovery = scenario.budgets().recovery()
            .map(b -> BudgetEvaluator.recovery(seconds, said.faults().stream().filter(RunOutcome.FaultWindow::injected).toList(), b))
            .orElse(RunOutcome.Recovery.NOT_MEASURED);
        List<RunOutcome.BudgetResult> budgets = new BudgetEvaluator(measurements, said.faults())
            .evaluate(scenario.budgets(), recovery, unknownOperations());
        return ReportJson.of(said.toBuilder().latency(measurements.latencyByPhase()).perSecond(seconds).recovery(recovery)
            .budgets(budgets).build());
    }

    public long secondsWithFailures() {
        return perSecond().stream().filter(s -> s.failed() > 0).count();
    }
}
