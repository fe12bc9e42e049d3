package io.exchangechaos.report.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Outcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSummaryWriterTest {

    @TempDir
    Path tmp;

    @Test
    void summary_has_the_verdict_the_reasons_and_a_row_per_budget_and_invariant() throws Exception {
        RunOutcome o = Fixture.outcome();
        new MarkdownSummaryWriter().write(o, tmp);

        String md = Files.readString(tmp.resolve("summary.md"));

        assertThat(md).startsWith("## ❌ FAIL — region-loss\n");
        assertThat(md).contains("**weakness** ack-before-replication");
        assertThat(md).contains("- Invariant \\[no-lost-acked-orders\\] violated: 2 acknowledged orders absent");
        assertThat(md).contains("| Budget | Phase | Limit | Observed | Verdict |");
        assertThat(md).contains("| p99(place) during fault \\< 1,000 ms | fault | 1,000 ms | 2,019 ms | ❌ FAIL |");
        assertThat(md).contains("| p99(cancel) during fault \\< 1,000 ms | fault | 1,000 ms | n/a | ⚠️ INCONCLUSIVE |");
        assertThat(md).contains("| error ratio during fault \\< 5% | fault | 5.00 % | 2.50 % | ✅ PASS |");
        assertThat(md).contains("| no-lost-acked-orders | 2 | ❌ FAIL |");
        o.budgets().forEach(b -> assertThat(md).contains("| " + b.name().replace("<", "\\<") + " |"));
        o.invariants().forEach(i -> assertThat(md).contains("| " + i.name() + " |"));
        assertThat(md).contains("region-loss-20250603T091402Z-154");
        assertThat(md).contains("**Orders** sent 480 · acked 460").contains("**lost 2**");
        assertThat(md).contains("- lose the leader's region: kill region r1");
        assertThat(md).contains("20 s → 45 s");
    }

    @Test
    void short_enough_for_a_pull_request_comment() {
        String md = MarkdownSummaryWriter.render(Fixture.outcome());

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
