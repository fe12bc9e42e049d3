package io.exchangechaos.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Outcomes;
import io.exchangechaos.report.Recount;
import io.exchangechaos.report.json.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlReportWriterTest {

    static final List<String> CHARTS = List.of("chart-latency", "chart-throughput", "chart-errors");

    @TempDir
    Path tmp;

    String write(Fixture f) throws Exception {
        Path runDir = f.runDir(tmp);
        new HtmlReportWriter().write(f.outcome(), runDir);
        return Files.readString(runDir.resolve("report.html"));
    }

    /** The chart's time axis: every second of the history's figures, and every phase and fault window. */
    static double axisSeconds(Fixture f) {
        double axis = new Recount(f).perSecond().size();
        for (ReportJson.PhaseWindow p : f.outcome().phases()) {
            axis = Math.max(axis, p.endSecond());
        }
        for (ReportJson.FaultWindow w : f.outcome().faults()) {
            axis = Math.max(axis, w.endSecond() == null ? w.startSecond() : w.endSecond());
        }
        return axis;
    }

    static String x(Fixture f, double second) {
        return String.format(Locale.ROOT, "%.1f", 64 + 880 * second / axisSeconds(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void every_chart_is_inline_svg_with_each_fault_window_shaded_and_labelled(Fixture f) throws Exception {
        String html = write(f);
        ReportJson o = f.outcome();
        assertThat(o.faults()).isNotEmpty();
        for (String id : CHARTS) {
            String svg = svg(html, id);
            assertThat(count(svg, "<rect class=\"fault-window\"")).as("fault rects in %s", id).isEqualTo(o.faults().size());
            for (ReportJson.FaultWindow w : o.faults()) {
                // shaded from its start to its end second on the time axis, and labelled with both
                assertThat(svg).as("fault rect in %s", id).contains("<rect class=\"fault-window\" data-fault=\""
                    + Html.esc(w.name()) + "\" x=\"" + x(f, w.startSecond()) + "\"");
                assertThat(svg).contains("<text class=\"fault-label\"").contains(Html.esc("⚡ " + w.name() + " (" + w.type()
                    + ") · " + Figures.second(w.startSecond()) + "–" + Figures.second(w.endSecond())));
            }
            // phases: a marker at each inner boundary, a label per phase
            assertThat(count(svg, "class=\"phase-marker\"")).isEqualTo(o.phases().size() - 1);
            for (ReportJson.PhaseWindow p : o.phases()) {
                assertThat(svg).contains(">" + p.phase() + "</text>");
                if (p.startSecond() > 0) {
                    assertThat(svg).contains("data-phase=\"" + p.phase() + "\" x1=\"" + x(f, p.startSecond()) + "\"");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void charts_plot_a_point_or_bar_for_each_second_of_the_history(Fixture f) throws Exception {
        String html = write(f);
        List<ReportJson.SecondStats> seconds = new Recount(f).perSecond();

        String latency = svg(html, "chart-latency");
        assertThat(points(series(latency, "p50"))).isEqualTo(seconds.stream().filter(s -> s.ok() > 0).count());
        assertThat(points(series(latency, "p99"))).isEqualTo(seconds.stream().filter(s -> s.ok() > 0).count());
        String throughput = svg(html, "chart-throughput");
        assertThat(points(series(throughput, "sent/s"))).isEqualTo(seconds.size());
        assertThat(points(series(throughput, "ok/s"))).isEqualTo(seconds.size());
        String errors = svg(html, "chart-errors");
        assertThat(count(errors, "<rect x=")).isEqualTo((int) new Recount(f).secondsWithFailures());
    }

    @Test
    void the_failing_run_has_seconds_with_errors_and_the_passing_one_none() {
        assertThat(new Recount(Fixture.FAIL).secondsWithFailures()).isPositive();
        assertThat(new Recount(Fixture.PASS).secondsWithFailures()).isZero();
    }

    static String series(String svg, String name) {
        int at = svg.indexOf("data-series=\"" + name + "\">");
        assertThat(at).as("series %s", name).isNotNegative();
        return svg.substring(at, svg.indexOf("</g>", at));
    }

    /** Points of a line: its M and L commands. */
    static long points(String series) {
        Matcher m = Pattern.compile("[ML]\\d").matcher(series);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void opens_offline_no_fetch_of_any_kind(Fixture f) throws Exception {
        String html = write(f);
        assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe|img|object|embed)\\b");
        assertThat(html).doesNotContainPattern("(?i)url\\(|@import");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        Matcher refs = Pattern.compile("(?i)\\b(?:src|href|xlink:href|action|srcset|poster)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (refs.find()) {
            values.add(refs.group(1));
        }
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v).doesNotContain("://").doesNotStartWith("//"));
        // any http(s) left is text a reader sees (an incident link, an entrypoint), never a reference the page would follow
        assertThat(html).doesNotContainPattern("(?i)=\\s*\"\\s*https?:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void has_verdict_banner_scenario_tables_timeline_orders_environment_and_notes(Fixture f) throws Exception {
        String html = write(f);
        ReportJson o = f.outcome();
        Recount r = new Recount(f);

        assertThat(html).contains("<header class=\"banner banner-" + o.verdict() + "\" id=\"verdict\">\n<h1>" + o.verdict()
            + " — region-loss</h1>");
        assertThat(html).contains("multi-region · weakness " + Figures.weakness(o.weakness()) + " · backend local");
        assertThat(html).contains("AWS ap-northeast-1 (Tokyo), 2025-04-15: one zone loses primary and backup power");
        // budgets as the history measures them
        List<ReportJson.BudgetResult> budgets = r.budgets();
        assertThat(count(html, "<tr class=\"budget\">")).isEqualTo(budgets.size());
        for (ReportJson.BudgetResult b : budgets) {
            assertThat(html).contains("<tr class=\"budget\"><td class=\"verdict v-" + b.verdict() + "\">" + b.verdict()
                + "</td><td>" + Html.esc(b.name()) + "</td><td>" + b.phase() + "</td><td class=\"num\">"
                + Html.esc(Figures.value(b.limit(), b.unit())) + "</td><td class=\"num\">"
                + Html.esc(Figures.value(b.observed(), b.unit())) + "</td>");
        }
        assertThat(count(html, "<tr class=\"invariant\">")).isEqualTo(o.invariants().size());
        for (ReportJson.InvariantResult i : o.invariants()) {
            assertThat(html).contains("<tr class=\"invariant\"><td class=\"verdict v-" + i.verdict() + "\">" + i.verdict()
                + "</td><td>" + i.name() + "</td><td class=\"num\">0 violations</td><td class=\"num\">" + i.violations()
                + " violations</td>");
        }
        // the fault timeline
        for (ReportJson.FaultWindow w : r.faults()) {
            assertThat(html).contains("<tr class=\"fault-row\"><td>" + Html.esc(w.name()) + "</td><td>" + w.type() + "</td><td>"
                + w.target() + "</td><td class=\"mono\">" + w.injectedAt() + "</td><td class=\"mono\">" + w.healedAt() + "</td>");
        }
        // the order accounting, counted from the history
        ReportJson.Orders n = r.orders();
        assertThat(html).contains("<tr><td class=\"num\">" + Figures.count(n.sent()) + "</td><td class=\"num\">"
            + Figures.count(n.acked()) + "</td><td class=\"num\">" + Figures.count(n.rejected()) + "</td><td class=\"num\">"
            + Figures.count(n.failed()) + "</td><td class=\"num\">" + Figures.count(n.indeterminate()) + "</td><td class=\"num\">"
            + Figures.count(n.resolved()) + "</td><td class=\"num" + (n.lost() > 0 ? " v-FAIL verdict" : "") + "\">"
            + Figures.count(n.lost()) + "</td>");
        assertThat(html).contains("<dt>Git commit</dt><dd><code>" + o.environment().gitCommit() + "</code></dd>");
        assertThat(html).contains("<dt>Java</dt><dd>" + o.environment().javaVersion() + "</dd>");
        assertThat(html).contains("No notes.");
    }

    @Test
    void a_game_day_note_is_shown() throws Exception {
        ReportJson o = Outcomes.withNote(Fixture.FAIL.outcome(), "r2 took leadership ~3 s after the kill");

        String page = HtmlReportWriter.render(o, tmp.resolve("none"));

        assertThat(page).contains("r2 took leadership ~3 s after the kill").doesNotContain("No notes.");
    }

    @Test
    void violating_orders_are_shown_with_what_the_client_saw_from_the_history() throws Exception {
        String html = write(Fixture.FAIL);
        String examples = html.substring(html.indexOf("id=\"examples-no-lost-acked-orders\""));
        examples = examples.substring(0, examples.indexOf("</div>"));
        ReportJson.InvariantResult lost = Fixture.FAIL.outcome().invariants().get(0);
        Map<String, Operation> byId = new java.util.HashMap<>();
        Fixture.FAIL.history().forEach(op -> byId.putIfAbsent(op.clientOrderId(), op));

        assertThat(lost.examples()).isNotEmpty();
        assertThat(examples).contains("<table class=\"history\">");
        for (String example : lost.examples()) {
            assertThat(examples).contains("<li class=\"mono\">" + Html.esc(example) + "</li>");
            Operation op = byId.get(example.substring(0, example.indexOf(' ')));
            double sentAt = (op.sentMicros() - Recount.loadStartMicros(Fixture.FAIL.history())) / 1e6;
            Matcher row = Pattern.compile("<tr><td class=\"mono\">" + Pattern.quote(op.clientOrderId())
                + "</td><td>place</td><td class=\"num\">(\\d+\\.\\d\\d) s</td><td>" + Pattern.quote(op.side() + " "
                + op.quantity() + " " + op.symbol())).matcher(examples);
            assertThat(row.find()).as("history row of %s", op.clientOrderId()).isTrue();
            // sent at, in seconds of the load (the page knows the load's start to the millisecond only)
            assertThat(Double.parseDouble(row.group(1))).isCloseTo(sentAt, org.assertj.core.data.Offset.offset(0.011));
            assertThat(examples).contains("<td class=\"mono\">" + op.entrypoint() + "</td>"); // as text
        }
        assertThat(write(Fixture.PASS)).doesNotContain("Examples of violating orders");
    }

    @Test
    void everything_from_the_outcome_is_escaped() throws Exception {
        String page = HtmlReportWriter.render(Outcomes.hostile(), tmp.resolve("no-history.jsonl"));

        assertThat(page).doesNotContain("<script").doesNotContain("<img").doesNotContain("alert(2)>");
        assertThat(page).contains("evil&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
        assertThat(svg(page, "chart-latency")).contains("data-fault=\"fault&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void a_run_without_faults_or_figures_still_renders() throws Exception {
        ReportJson o = Fixture.FAIL.outcome();
        ReportJson bare = new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), null, o.startedAt(), o.finishedAt(),
            io.exchangechaos.core.verdict.Verdict.ABORTED, List.of("Operator aborted at step 1"), List.of(), List.of(), null,
            null, null, List.of(), List.of(), List.of(), null, null, List.of(), o.environment());

        String page = HtmlReportWriter.render(bare, tmp.resolve("none"));

        assertThat(page).contains("banner-ABORTED").contains("No per-second figures were recorded")
            .contains("No faults were injected").contains("No notes.");
    }

    static String svg(String page, String id) {
        int start = page.indexOf("<svg id=\"" + id + "\"");
        assertThat(start).as("chart %s", id).isNotNegative();
        return page.substring(start, page.indexOf("</svg>", start) + 6);
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
