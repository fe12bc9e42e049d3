package io.exchangechaos.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.report.Fixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the fixture's report.html in headless Chromium, offline, and checks what the browser built: every chart's SVG
 * with its fault-window rectangles. Needs {@code chromium} on PATH; without it the test fails (CI installs it) unless
 * {@code EXCHANGECHAOS_SKIP_BROWSER=1} says to skip it.
 */
class HtmlRenderIT {

    static final Path OUT = Path.of("target", "render-it");
    static Path chromium;
    static Path runDir;

    @BeforeAll
    static void browserAndRun() throws IOException {
        Optional<Path> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, "chromium")).filter(Files::isExecutable).findFirst();
        if (onPath.isEmpty()) {
            Assumptions.assumeFalse("1".equals(System.getenv("EXCHANGECHAOS_SKIP_BROWSER")),
                "chromium is not on PATH and EXCHANGECHAOS_SKIP_BROWSER=1: report.html was not rendered");
            throw new AssertionError("chromium is not on PATH: HtmlRenderIT renders report.html in headless Chromium. "
                + "Install it (Debian: apt-get install -y chromium), or set EXCHANGECHAOS_SKIP_BROWSER=1 to skip this test");
        }
        chromium = onPath.get();
        deleteRecursively(OUT);
        runDir = Fixture.FAIL.writtenRun(OUT.resolve("chaos-runs"));
    }

    @Test
    void charts_and_fault_windows_are_in_the_rendered_dom() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Result r = run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", runDir.resolve("report.html").toAbsolutePath().toUri().toString()));

            assertThat(r.exit).as("chromium exit; stderr:\n%s", r.err).isZero();
            String dom = r.out;
            int faults = Fixture.FAIL.outcome().faults().size();
            for (String chart : HtmlReportWriterTest.CHARTS) {
                String svg = HtmlReportWriterTest.svg(dom, chart);
                assertThat(HtmlReportWriterTest.count(svg, "class=\"fault-window\"")).as("fault windows in %s", chart).isEqualTo(faults);
                assertThat(svg).contains("class=\"fault-label\"").contains("class=\"phase-marker\"")
                    .containsPattern("<g class=\"series [^>]*>(<path d=\"M|<rect x=)"); // data drawn: a line or bars
            }
            assertThat(dom).contains("<h1>FAIL — region-loss</h1>");
            // the data the browser drew: a point per second of the history, a bar per second with errors
            io.exchangechaos.report.Recount recount = new io.exchangechaos.report.Recount(Fixture.FAIL);
            assertThat(HtmlReportWriterTest.points(HtmlReportWriterTest.series(HtmlReportWriterTest.svg(dom, "chart-throughput"),
                "sent/s"))).isEqualTo(recount.perSecond().size());
            assertThat(HtmlReportWriterTest.count(HtmlReportWriterTest.svg(dom, "chart-errors"), "<rect x="))
                .isEqualTo((int) recount.secondsWithFailures()).isPositive();
        } finally {
            deleteRecursively(profile);
        }
    }

    @Test
    void render_script_takes_a_screenshot() throws Exception {
        Path png = OUT.resolve("report.png");

        Result r = run(List.of("bash", Path.of("..", "ci", "render-report.sh").toString(), runDir.toString(), png.toString()));

        assertThat(r.exit).as("render-report.sh; stderr:\n%s", r.err).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        assertThat(bytes.length).isGreaterThan(50_000); // a blank page is a few KB
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> command) throws Exception {
        Path out = Files.createTempFile("render-out", ".txt");
        Path err = Files.createTempFile("render-err", ".txt");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after 120 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
