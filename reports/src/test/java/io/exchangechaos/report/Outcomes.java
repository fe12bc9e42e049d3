package io.exchangechaos.report;

import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.BudgetResult;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import io.exchangechaos.report.json.ReportJson.InvariantResult;
import io.exchangechaos.report.json.ReportJson.Note;
import io.exchangechaos.report.json.ReportJson.ScenarioInfo;
import java.util.List;

/** Variations of the fixture outcome for tests. */
public final class Outcomes {

    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "\"><img src=x onerror=alert(2)>";

    private Outcomes() {
    }

    /** Every string a user or an exchange controls carries markup. */
    public static ReportJson hostile() {
        ReportJson o = Fixture.FAIL.outcome();
        FaultWindow f = o.faults().get(0);
        BudgetResult b = o.budgets().get(1);
        InvariantResult i = o.invariants().get(0);
        return new ReportJson(o.runId() + SCRIPT, new ScenarioInfo("evil" + SCRIPT, "x.yaml" + IMG, null,
                "see https://status.example.com/incident " + SCRIPT, "desc" + IMG),
            o.topology() + IMG, o.backend(), "w|eak" + SCRIPT, o.startedAt(), o.finishedAt(), o.verdict(),
            List.of("reason " + SCRIPT),
            List.of(new BudgetResult(b.name() + " | " + SCRIPT, b.phase(), b.limit(), b.observed(), b.unit(), b.verdict(),
                b.detail() + IMG)),
            List.of(new InvariantResult(i.name() + SCRIPT, i.verdict(), i.violations(), List.of("ex " + SCRIPT), i.detail() + IMG)),
            o.orders(), o.latency(), o.recovery(),
            List.of(new FaultWindow("fault" + SCRIPT, "kill" + IMG, "target" + SCRIPT, f.injectedAt(), f.healedAt(),
                f.startSecond(), f.endSecond(), null, f.dueSecond())),
            o.phases(), o.perSecond(), o.steadyState(), o.load(),
            List.of(new Note("2025-06-03T09:14:31.500Z", "op" + IMG, "note " + SCRIPT)), o.environment());
    }
    /** {@code o} with a game-day note. */
    public static ReportJson withNote(ReportJson o, String text) {
        return new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(), o.startedAt(),
            o.finishedAt(), o.verdict(), o.reasons(), o.budgets(), o.invariants(), o.orders(), o.latency(), o.recovery(),
            o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(), List.of(new Note(o.startedAt(), "operator", text)),
            o.environment());
    }

    /** {@code o} with its budgets replaced. */
    public static ReportJson withBudgets(ReportJson o, List<BudgetResult> budgets) {
        return new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(), o.startedAt(),
            o.finishedAt(), o.verdict(), o.reasons(), budgets, o.invariants(), o.orders(), o.latency(), o.recovery(),
            o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(), o.notes(), o.environment());
    }
}
