package io.exchangechaos.report.markdown;

import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.ReportRenderer;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.BudgetResult;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import io.exchangechaos.report.json.ReportJson.InvariantResult;
import io.exchangechaos.report.json.ReportJson.Orders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code summary.md}: the verdict, why, the budget table, the invariants, the order accounting and the faults, short
 * enough for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}. Examples are capped; the rest is in the HTML.
 */
public final class MarkdownSummaryWriter implements ReportRenderer {

    public static final String FILE = "summary.md";
    static final int MAX_EXAMPLES = 3;

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        Files.writeString(runDir.resolve(FILE), render(outcome));
    }

    public static String render(ReportJson o) {
        StringBuilder md = new StringBuilder();
        String scenario = o.scenario() == null ? "unnamed scenario" : o.scenario().name();
        md.append("## ").append(icon(o.verdict())).append(' ').append(o.verdict()).append(" — ")
            .append(inline(scenario)).append("\n\n");
        md.append("**Topology** ").append(inline(o.topology()))
            .append(" · **weakness** ").append(inline(Figures.weakness(o.weakness())))
            .append(" · **backend** ").append(inline(o.backend()))
            .append(" · **run** `").append(code(o.runId())).append("`\n\n");
        if (o.scenario() != null && o.scenario().incident() != null) {
            md.append("**Replays** ").append(inline(o.scenario().incident())).append('\n');
        }
        md.append('\n');

        List<String> reasons = list(o.reasons());
        if (!reasons.isEmpty()) {
            md.append("**Why**\n\n");
            reasons.forEach(r -> md.append("- ").append(inline(r)).append('\n'));
            md.append('\n');
        }

        List<BudgetResult> budgets = list(o.budgets());
        if (!budgets.isEmpty()) {
            md.append("| Budget | Phase | Limit | Observed | Verdict |\n|---|---|---:|---:|---|\n");
            for (BudgetResult b : budgets) {
                md.append("| ").append(cell(b.name())).append(" | ").append(cell(Figures.orDash(b.phase())))
                    .append(" | ").append(cell(Figures.value(b.limit(), b.unit())))
                    .append(" | ").append(cell(Figures.value(b.observed(), b.unit())))
                    .append(" | ").append(icon(b.verdict())).append(' ').append(b.verdict()).append(" |\n");
            }
            md.append('\n');
        }

        List<InvariantResult> invariants = list(o.invariants());
        if (!invariants.isEmpty()) {
            md.append("| Invariant | Violations | Verdict | Checked by |\n|---|---:|---|---|\n");
            for (InvariantResult i : invariants) {
                md.append("| ").append(cell(i.name())).append(" | ").append(i.checked() ? Figures.count(i.violations()) : "—")
                    .append(" | ").append(i.checked() ? icon(i.verdict()) + " " + i.verdict() : "➖ NOT CHECKED")
                    .append(" | ").append(cell(i.checked() ? Figures.orDash(i.checkedBy()) : Figures.orDash(i.detail())))
                    .append(" |\n");
            }
            md.append('\n');
            List<String> notChecked = invariants.stream().filter(i -> !i.checked()).map(InvariantResult::name).toList();
            if (!notChecked.isEmpty()) {
                md.append("**Not checked:** ").append(inline(String.join(", ", notChecked)))
                    .append(" (never counted as passed)\n\n");
            }
            for (InvariantResult i : invariants) {
                List<String> examples = list(i.examples());
                if (i.verdict() == Verdict.PASS || examples.isEmpty()) {
                    continue;
                }
                md.append("Examples of **").append(inline(i.name())).append("**:\n");
                examples.stream().limit(MAX_EXAMPLES).forEach(e -> md.append("- ").append(inline(e)).append('\n'));
                if (examples.size() > MAX_EXAMPLES) {
                    md.append("- … ").append(examples.size() - MAX_EXAMPLES).append(" more in report.html\n");
                }
                md.append('\n');
            }
        }

        Orders orders = o.orders();
        if (orders != null) {
            md.append("**Orders** sent ").append(Figures.count(orders.sent()))
                .append(" · acked ").append(Figures.count(orders.acked()))
                .append(" · rejected ").append(Figures.count(orders.rejected()))
                .append(" · failed ").append(Figures.count(orders.failed()))
                .append(" · indeterminate ").append(Figures.count(orders.indeterminate()))
                .append(" (resolved ").append(Figures.count(orders.resolved())).append(')')
                .append(" · **lost ").append(Figures.count(orders.lost())).append("**")
                .append(" · duplicated ").append(Figures.count(orders.duplicated())).append("\n\n");
        }

        List<FaultWindow> faults = list(o.faults());
        if (!faults.isEmpty()) {
            md.append("**Faults**\n\n");
            for (FaultWindow f : faults) {
                md.append("- ").append(inline(Figures.orDash(f.name()))).append(": ").append(inline(f.type()))
                    .append(" ").append(inline(f.target())).append(", ").append(Figures.second(f.startSecond()))
                    .append(" → ").append(f.endSecond() == null ? "**not healed**" : Figures.second(f.endSecond()));
                if (f.error() != null) {
                    md.append(" (error: ").append(inline(f.error())).append(')');
                }
                md.append('\n');
            }
            md.append('\n');
        }
        if (o.recovery() != null) {
            md.append("**Recovery** ").append(Figures.recovery(o.recovery())).append("\n\n");
        }
        String redacted = Figures.redactions(o.redactions());
        if (redacted != null) {
            md.append("**Secrets** ").append(inline(redacted)).append("\n\n");
        }
        md.append("Full report: `report.html` · data: `report.json` · check integrity: `./chaos report verify DIR`\n");
        return md.toString();
    }

    static String icon(Verdict v) {
        return switch (v) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case INCONCLUSIVE -> "⚠️";
            case ABORTED -> "⏹️";
        };
    }

    /**
     * Text from the outcome inside running Markdown: Markdown's active characters and '<', '>' backslash-escaped
     * (GitHub renders raw HTML), so a name can neither inject markup nor break the layout.
     */
    static String inline(String s) {
        if (s == null) {
            return "—";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.replace("\r", " ").replace("\n", " ").toCharArray()) {
            switch (c) {
                // a backslash makes any ASCII punctuation literal (CommonMark), so '\\<' can never open an HTML tag
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '<', '>' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String cell(String s) {
        return inline(s);
    }

    /** Inside a code span only the backtick matters; it is replaced, code spans cannot escape it. */
    static String code(String s) {
        return s == null ? "—" : s.replace('`', '\'').replace('\n', ' ');
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
