package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.report.html.HtmlReportWriter;
import io.exchangechaos.report.json.JsonReportWriter;
import io.exchangechaos.report.junit.JUnitXmlWriter;
import io.exchangechaos.report.manifest.ManifestWriter;
import io.exchangechaos.report.markdown.MarkdownSummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path tmp;

    @Test
    void finds_every_writer_with_the_manifest_last() {
        List<ReportWriter> writers = Reports.writers();

        assertThat(writers).extracting(w -> w.getClass().getSimpleName()).containsExactly(
            JsonReportWriter.class.getSimpleName(), JUnitXmlWriter.class.getSimpleName(),
            MarkdownSummaryWriter.class.getSimpleName(), HtmlReportWriter.class.getSimpleName(),
            ManifestWriter.class.getSimpleName(), "RunIndexWriter");
        assertThat(writers).flatExtracting(ReportWriter::files)
            .containsExactly("report.json", "junit.xml", "summary.md", "report.html", "manifest.json");
    }

    @Test
    void writes_every_artifact_into_the_run_directory_and_the_index_two_levels_up() throws Exception {
        // GIVEN a run directory as the harness leaves it: history and scenario, no reports
        Path runDir = Fixture.FAIL.runDir(tmp.resolve("chaos-runs"));

        // WHEN
        List<Path> written = Reports.writeAll(Fixture.FAIL.outcome().toOutcome(), runDir);

        // THEN
        assertThat(written).containsExactly(runDir.resolve("report.json"), runDir.resolve("junit.xml"),
            runDir.resolve("summary.md"), runDir.resolve("report.html"), runDir.resolve("manifest.json"),
            tmp.resolve("chaos-runs").resolve("index.html").toAbsolutePath().normalize());
        assertThat(written).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
        try (var files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "report.json", "junit.xml", "summary.md", "report.html", "manifest.json", "history.jsonl", "scenario.yaml", "logs");
        }
    }

    @Test
    void figures_say_their_unit() {
        assertThat(Figures.value(2019.3, "ms")).isEqualTo("2,019 ms");
        assertThat(Figures.value(13.94, "ms")).isEqualTo("13.9 ms");
        assertThat(Figures.value(0.025, "ratio")).isEqualTo("2.50 %");
        assertThat(Figures.value(3.0, "s")).isEqualTo("3.0 s");
        assertThat(Figures.value(4.0, "orders")).isEqualTo("4 orders");
        assertThat(Figures.value(null, "ms")).isEqualTo("n/a");
    }
}
