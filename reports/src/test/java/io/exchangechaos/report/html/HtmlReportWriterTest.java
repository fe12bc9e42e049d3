package io.exchangechaos.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Outcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    static final List<String> CHARTS = List.of("chart-latency", "chart-throughput", "chart-errors");

    @TempDir
    Path tmp;
    String html;

    @BeforeEach
    void write() throws Exception {
        Path runDir = Fixture.runDir(tmp);
        new HtmlReportWriter().write(Fixture.outcome(), runDir);
        html = Files.readString(runDir.resolve("report.html"));
    }

    @Test
    void every_chart_is_inline_svg_with_each_fault_window_shaded_and_labelled() {
        RunOutcome o = Fixture.outcome();
        for (String id : CHARTS) {
            String svg = svg(html, id);
            assertThat(count(svg, "<rect class=\"fault-window\" data-fault=\"lose the leader&#39;s region\""))
                .as("fault rect in %s", id).isEqualTo(o.faults().size());
            assertThat(svg).contains("<text class=\"fault-label\"").contains("lose the leader&#39;s region (kill) · 20 s–45 s");
            // phases: a marker at each inner boundary, a label per phase
            assertThat(count(svg, "class=\"phase-marker\"")).isEqualTo(2);
            assertThat(svg).contains(">baseline</text>").contains(">fault</text>").contains(">recovery</text>");
            assertThat(svg).contains("class=\"series ");
        }
    }

    @Test
    void fault_window_spans_its_seconds_on_the_time_axis() {
        // the plot runs from x=64 to x=944 over 60 s: 20 s → 357.3, 45 s → 724.0
        assertThat(svg(html, "chart-throughput")).contains("x=\"357.3\" y=\"26\" width=\"366.7\"");
    }

    @Test
    void charts_plot_the_per_second_figures() {
        String latency = svg(html, "chart-latency");
        assertThat(latency).contains("data-series=\"p50\"").contains("data-series=\"p99\"");
        assertThat(latency).contains(">1 s</text>"); // the p99 spike to 2 s sits on a decade tick of the log axis
        String errors = svg(html, "chart-errors");
        long secondsWithErrors = Fixture.outcome().perSecond().stream().filter(s -> s.failed() > 0).count();
        assertThat(count(errors, "<rect x=")).isEqualTo((int) secondsWithErrors);
    }

    @Test
    void opens_offline_no_fetch_of_any_kind() {
        assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe|img|object|embed)\\b");
        assertThat(html).doesNotContainPattern("(?i)url\\(|@import");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        Matcher refs = Pattern.compile("(?i)\\b(?:src|href|xlink:href|action|srcset|poster)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (refs.find()) {
            values.add(refs.group(1));
        }
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v).doesNotContain("://").doesNotStartWith("//"));
        // any http(s) left is text a reader sees (an incident link), never a reference the page would follow
        assertThat(html).doesNotContainPattern("(?i)=\\s*\"\\s*https?:");
    }

    @Test
    void has_verdict_banner_scenario_tables_timeline_orders_environment_and_notes() {
        assertThat(html).contains("<header class=\"banner banner-FAIL\" id=\"verdict\">\n<h1>FAIL — region-loss</h1>");
        assertThat(html).contains("multi-region · weakness ack-before-replication · backend local");
        assertThat(html).contains("AWS ap-northeast-1 (Tokyo), 2025-04-15: one zone loses primary and backup power");
        assertThat(html).contains("<tr class=\"budget\"><td class=\"verdict v-FAIL\">FAIL</td><td>p99(place) during fault &lt; 1,000 ms</td>"
            + "<td>fault</td><td class=\"num\">1,000 ms</td><td class=\"num\">2,019 ms</td>");
        assertThat(count(html, "<tr class=\"budget\">")).isEqualTo(Fixture.outcome().budgets().size());
        assertThat(html).contains("<tr class=\"invariant\"><td class=\"verdict v-FAIL\">FAIL</td><td>no-lost-acked-orders</td>"
            + "<td class=\"num\">0 violations</td><td class=\"num\">2 violations</td>");
        assertThat(count(html, "<tr class=\"invariant\">")).isEqualTo(Fixture.outcome().invariants().size());
        assertThat(html).contains("<td class=\"mono\">2025-06-03T09:14:25.003Z</td><td class=\"mono\">2025-06-03T09:14:50.011Z</td>");
        assertThat(html).contains("<td class=\"num\">480</td><td class=\"num\">460</td>");
        assertThat(html).contains("<td class=\"num v-FAIL verdict\">2</td>");
        assertThat(html).contains("r2 took leadership ~3 s after the kill");
        assertThat(html).contains("<dt>Git commit</dt><dd><code>5fcf625</code></dd>");
        assertThat(html).contains("<dt>Java</dt><dd>17.0.15</dd>");
    }

    @Test
    void violating_orders_are_shown_with_what_the_client_saw_from_the_history() {
        String examples = html.substring(html.indexOf("id=\"examples-no-lost-acked-orders\""));
        examples = examples.substring(0, examples.indexOf("</div>"));

        assertThat(examples).contains("<li class=\"mono\">region-loss-20250603T091402Z-154: place SELL 20 BTC-USD");
        assertThat(examples).contains("<table class=\"history\">");
        assertThat(examples).contains("<td class=\"mono\">region-loss-20250603T091402Z-154</td><td>place</td>");
        assertThat(examples).contains("http://127.0.1.11:8080/"); // the entrypoint, as text
        assertThat(examples).containsPattern("<td class=\"num\">19\\.\\d\\d s</td>");
        assertThat(examples).contains("<td class=\"mono\">region-loss-20250603T091402Z-160</td><td>place</td>");
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
        RunOutcome o = Fixture.outcome();
        RunOutcome bare = new RunOutcome(o.runId(), o.scenario(), o.topology(), o.backend(), null, o.startedAt(), o.finishedAt(),
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
