package io.exchangechaos.report.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Outcomes;
import io.exchangechaos.report.Recount;
import io.exchangechaos.report.json.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownSummaryWriterTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void summary_has_the_verdict_the_reasons_and_a_row_per_budget_and_invariant(Fixture f) throws Exception {
        ReportJson o = f.outcome();
        Recount r = new Recount(f);
        new MarkdownSummaryWriter().write(o, tmp);

        String md = Files.readString(tmp.resolve("summary.md"));

        assertThat(md).startsWith("## " + MarkdownSummaryWriter.icon(o.verdict()) + " " + o.verdict() + " — region-loss\n");
        assertThat(md).contains("**weakness** " + Figures.weakness(o.weakness()));
        o.reasons().forEach(reason -> assertThat(md).contains("- " + MarkdownSummaryWriter.inline(reason)));
        assertThat(md).contains("| Budget | Phase | Limit | Observed | Verdict |");
        for (ReportJson.BudgetResult b : r.budgets()) {
            assertThat(md).contains("| " + MarkdownSummaryWriter.cell(b.name()) + " | " + b.phase() + " | "
                + Figures.value(b.limit(), b.unit()) + " | " + Figures.value(b.observed(), b.unit()) + " | "
                + MarkdownSummaryWriter.icon(b.verdict()) + " " + b.verdict() + " |");
        }
        for (ReportJson.InvariantResult i : o.invariants()) {
            assertThat(md).contains("| " + i.name() + " | " + i.violations() + " | " + MarkdownSummaryWriter.icon(i.verdict())
                + " " + i.verdict() + " |");
        }
        ReportJson.Orders n = r.orders();
        assertThat(md).contains("**Orders** sent " + Figures.count(n.sent()) + " · acked " + Figures.count(n.acked())
            + " · rejected " + Figures.count(n.rejected()) + " · failed " + Figures.count(n.failed()) + " · indeterminate "
            + Figures.count(n.indeterminate()) + " (resolved " + Figures.count(n.resolved()) + ") · "
            + "**lost " + n.lost() + "**" + " · duplicated " + n.duplicated());
        for (ReportJson.FaultWindow w : r.faults()) {
            assertThat(md).contains("- " + MarkdownSummaryWriter.inline(w.name() + ": " + w.type() + " " + w.target()) + ", "
                + Figures.second(w.startSecond()) + " → " + Figures.second(w.endSecond()));
        }
        assertThat(md).contains("**Recovery** " + Figures.value(r.recovery().seconds(), "s") + " after the last heal");
    }

    @Test
    void recovery_says_only_what_was_measured() {
        ReportJson pass = Fixture.PASS.outcome();

        String notMeasured = MarkdownSummaryWriter.render(withRecovery(pass, new ReportJson.Recovery(null,
            RunOutcome.Recovery.NO_BUDGET)));
        String never = MarkdownSummaryWriter.render(withRecovery(pass, new ReportJson.Recovery(null,
            "after [lose r1] at 20.0 s: no 3 s window met the SLO")));

        assertThat(notMeasured).contains("**Recovery** not measured (the scenario has no recovery budget)\n")
            .doesNotContain("never recovered");
        assertThat(never).contains("**Recovery** never recovered\n");
    }

    private static ReportJson withRecovery(ReportJson o, ReportJson.Recovery recovery) {
        return new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(), o.startedAt(),
            o.finishedAt(), o.verdict(), o.reasons(), o.budgets(), o.invariants(), o.orders(), o.latency(), recovery,
            o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(), o.notes(), o.environment());
    }

    @Test
    void the_failing_run_lists_the_lost_orders() {
        ReportJson.InvariantResult lost = Fixture.FAIL.outcome().invariants().get(0);

        String md = MarkdownSummaryWriter.render(Fixture.FAIL.outcome());

        assertThat(lost.examples()).hasSizeGreaterThan(1);
        assertThat(md).contains("Examples of **no-lost-acked-orders**:\n- " + MarkdownSummaryWriter.inline(lost.examples().get(0)));
        assertThat(MarkdownSummaryWriter.render(Fixture.PASS.outcome())).doesNotContain("Examples of");
    }

    @Test
    void short_enough_for_a_pull_request_comment() {
        String md = MarkdownSummaryWriter.render(Fixture.FAIL.outcome());

        assertThat(md.lines().count()).isLessThan(60);
        assertThat(md.length()).isLessThan(65_536); // GitHub's comment limit
    }

    @Test
    void outcome_text_can_neither_inject_html_nor_break_a_table_row() {
        String md = MarkdownSummaryWriter.render(Outcomes.hostile());

        // outside code spans (where CommonMark never sees markup) every '<' is backslash-escaped
        assertThat(md.replaceAll("`[^`]*`", "")).doesNotContainPattern("(?<!\\\\)<");
        assertThat(md).contains("\\<script\\>alert(1)\\</script\\>");
        String row = md.lines().filter(l -> l.startsWith("| p99(place)")).findFirst().orElseThrow();
        assertThat(row.split("(?<!\\\\)\\|")).hasSize(6); // five cells: the '|' in the name is escaped
    }
}
