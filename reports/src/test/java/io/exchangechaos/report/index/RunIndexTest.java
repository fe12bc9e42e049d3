package io.exchangechaos.report.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Recount;
import io.exchangechaos.report.Reports;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.LatencySummary;
import io.exchangechaos.report.json.ReportJson.Recovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {

    @TempDir
    Path root;

    /** The fixture again, later, with the weakness switched back on: a PASS with a lower p99 and faster recovery. */
    static ReportJson laterPass(ReportJson o, String startedAt, double p99, Double recovery) {
        Map<String, LatencySummary> latency = new HashMap<>(o.latency());
        LatencySummary f = latency.get("fault");
        latency.put("fault", new LatencySummary(f.count(), f.p50(), f.p90(), p99, f.p999(), f.max()));
        return new ReportJson(o.runId() + "-" + startedAt.substring(11, 13), o.scenario(), o.topology(), o.backend(), "none",
            startedAt, startedAt.replace(":14:", ":16:"), Verdict.PASS, List.of(), o.budgets(), o.invariants(), o.orders(),
            latency, new Recovery(recovery, null), o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(),
            o.notes(), o.environment());
    }

    @Test
    void lists_every_run_newest_first_and_draws_each_scenarios_trend() throws Exception {
        // GIVEN three runs of one scenario, one of another, a `latest` link and a run whose report is damaged
        ReportJson o = Fixture.FAIL.outcome();
        Reports.writeAll(o.toOutcome(), Fixture.FAIL.runDir(root));
        write(laterPass(o, "2027-01-27T10:14:02Z", 640.0, 2.0), "region-loss", "20270127T101402Z");
        write(laterPass(o, "2027-01-28T11:14:02Z", 410.0, null), "region-loss", "20270128T111402Z");
        ReportJson other = laterPass(o, "2026-11-25T08:14:02Z", 90.0, 1.0);
        write(new ReportJson(other.runId(), new ReportJson.ScenarioInfo("dns-empty-record", null, null, null, null),
            "single-region", other.backend(), other.weakness(), other.startedAt(), other.finishedAt(), other.verdict(),
            other.reasons(), other.budgets(), other.invariants(), other.orders(), other.latency(), other.recovery(),
            other.faults(), other.phases(), other.perSecond(), other.steadyState(), other.load(), other.notes(),
            other.environment()), "dns-empty-record", "20261125T081402Z");
        Files.createSymbolicLink(root.resolve("region-loss/latest"), root.resolve("region-loss/20270128T111402Z"));
        Files.createDirectories(root.resolve("region-loss/20250601T000000Z"));
        Files.writeString(root.resolve("region-loss/20250601T000000Z/report.json"), "{ not json");

        // WHEN
        Path index = RunIndex.update(root);

        // THEN
        String html = Files.readString(index);
        assertThat(index).isEqualTo(root.resolve("index.html"));
        assertThat(html).contains("5 runs under this directory");
        List<String> rows = html.lines().filter(l -> l.startsWith("<tr class=\"run\"")).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains("2027-01-28T11:14:02Z").contains("v-PASS\">PASS").contains("410 ms (fault)")
            .contains("never").contains("href=\"./region-loss/20270128T111402Z/report.html\"");
        double faultP99 = new Recount(Fixture.FAIL).latency().get("fault").p99();
        long notPassed = new Recount(Fixture.FAIL).budgets().stream().filter(b -> b.verdict() != Verdict.PASS).count();
        assertThat(rows.get(2)).contains(o.startedAt()).contains("region-loss").contains("multi-region")
            .contains("ack-before-replication").contains("v-FAIL\">FAIL").contains(Figures.millis(faultP99) + " (fault)")
            .contains(Figures.value(new Recount(Fixture.FAIL).recovery().seconds(), "s"))
            .contains("<td class=\"num\">" + Figures.count(o.orders().sent()) + "</td>")
            .contains("<td class=\"num v-FAIL verdict\">" + o.orders().lost() + "</td>")
            .contains(notPassed + " / " + o.budgets().size());
        assertThat(rows.get(3)).contains("dns-empty-record").contains("single-region");
        assertThat(rows.get(4)).contains("20250601T000000Z").contains("report.json unreadable");

        String trend = svg(html, "trend-p99-region-loss");
        assertThat(count(trend, "<circle class=\"pt v-")).isEqualTo(3);
        String failStamp = o.runId().substring(o.runId().lastIndexOf('-') + 1);
        assertThat(trend).contains("<circle class=\"pt v-FAIL\"")
            .contains(failStamp + ": " + Figures.millis(faultP99) + " (FAIL");
        assertThat(trend).contains("<path class=\"trend-line\"");
        String recovery = svg(html, "trend-recovery-region-loss");
        assertThat(count(recovery, "<circle class=\"pt v-")).isEqualTo(2);
        assertThat(recovery).contains("class=\"never\""); // the run that never recovered is marked, not drawn as 0
        assertThat(svg(html, "trend-p99-dns-empty-record")).contains("90.0 ms");
        assertThat(html).doesNotContainPattern("(?i)<(script|link|img)\\b|url\\(|@import|=\\s*\"\\s*https?:");
    }

    @Test
    void an_empty_root_gives_an_empty_index() throws Exception {
        String html = Files.readString(RunIndex.update(root.resolve("chaos-runs")));

        assertThat(html).contains("0 runs under this directory").doesNotContain("<svg");
    }

    @Test
    void run_directories_with_colons_are_linked_safely() {
        assertThat(RunIndex.segment("2025-06-03T09:14:02Z")).isEqualTo("2025-06-03T09%3A14%3A02Z");
    }

    private void write(ReportJson outcome, String scenario, String dir) throws Exception {
        Path runDir = root.resolve(scenario).resolve(dir);
        Files.createDirectories(runDir);
        new io.exchangechaos.report.json.JsonReportWriter().write(outcome, runDir);
    }

    static String svg(String page, String id) {
        int start = page.indexOf("<svg id=\"" + id + "\"");
        assertThat(start).as("trend %s", id).isNotNegative();
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
