package io.exchangechaos.report.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.Fixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prints the recorded FAIL run's report to PDF in headless Chromium and reads the PDF's text back with
 * {@code pdftotext}: the verdict, the scenario, a budget row and the fault must be in it, so a blank or cut-off PDF
 * fails. Needs {@code chromium} and {@code pdftotext} (poppler-utils) on PATH; without them the test fails (CI installs
 * both) unless {@code EXCHANGECHAOS_SKIP_BROWSER=1} says to skip it.
 */
class PdfExportIT {
    static final Path OUT = Path.of("target", "pdf-it");
    static Path runDir;

    @BeforeAll
    static void toolsAndRun() throws IOException {
        for (String tool : List.of("chromium", "pdftotext")) {
            if (onPath(tool).isEmpty()) {
                Assumptions.assumeFalse("1".equals(System.getenv("EXCHANGECHAOS_SKIP_BROWSER")),
                    tool + " is not on PATH and EXCHANGECHAOS_SKIP_BROWSER=1: the PDF was not printed");
                throw new AssertionError(tool + " is not on PATH: PdfExportIT prints a report with headless Chromium and "
                    + "reads it back with pdftotext. Install them (Debian: apt-get install -y chromium poppler-utils), or "
                    + "set EXCHANGECHAOS_SKIP_BROWSER=1 to skip this test");
            }
        }
        deleteRecursively(OUT);
        runDir = Fixture.FAIL.writtenRun(OUT.resolve("chaos-runs"));
    }

    @Test
    void the_pdf_holds_the_verdict_the_scenario_every_budget_and_the_fault() throws Exception {
        // GIVEN a run directory and where its PDF goes
        Path pdf = OUT.resolve("region-loss.pdf");
        List<String> problems = new ArrayList<>();
        PdfExport.Request request = PdfExport.check(runDir.toString(), pdf.toString(), System.getenv(), problems)
            .orElseThrow(() -> new AssertionError(problems));

        // WHEN it is printed
        long bytes = PdfExport.render(request);

        // THEN a PDF is there, and its text says what the report says
        assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        assertThat(bytes).isEqualTo(Files.size(pdf));
        String text = pdfText(pdf);
        ReportJson o = Fixture.FAIL.outcome();
        assertThat(text).contains("FAIL — region-loss").contains(o.scenario().incident().substring(0, 30));
        ReportJson.BudgetResult budget = o.budgets().get(0);
        assertThat(text).as("a budget's row: verdict, name, phase, limit and observed value on one line")
            .containsPattern("(?m)^\\s*" + budget.verdict() + "\\s+" + Pattern.quote(budget.name()) + "\\s+" + budget.phase()
                + "\\s+" + Pattern.quote(Figures.value(budget.limit(), budget.unit())) + "\\s+"
                + Pattern.quote(Figures.value(budget.observed(), budget.unit())) + "\\s");
        ReportJson.FaultWindow fault = o.faults().get(0);
        assertThat(text).as("the fault's line in the timeline: name, type and target")
            .containsPattern("(?m)^\\s*" + Pattern.quote(fault.name()) + "\\s+" + fault.type() + "\\s+"
                + Pattern.quote(fault.target()) + "\\s");
        assertThat(text).contains("no-lost-acked-orders").contains("Order accounting").contains("Environment");
        assertThat(pages(pdf)).as("the whole report, not its first screen").isGreaterThan(2);
        // AND nothing was left next to it
        try (var files = Files.list(OUT)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("chaos-runs", "region-loss.pdf");
        }
    }

    @Test
    void a_missing_browser_is_named_with_how_to_install_it() {
        List<String> problems = new ArrayList<>();

        Optional<PdfExport.Request> request = PdfExport.check(runDir.toString(), OUT.resolve("x.pdf").toString(),
            Map.of("PATH", OUT.toAbsolutePath().toString()), problems);
        PdfExport.check(runDir.toString(), OUT.resolve("x.pdf").toString(), Map.of("CHAOS_CHROMIUM", "/nowhere/chrome"),
            problems);

        assertThat(request).isEmpty();
        assertThat(problems).containsExactly(
            "chromium: not found on PATH (chromium, chromium-browser, google-chrome, google-chrome-stable); the PDF is "
                + "printed by headless Chromium: install Chromium (Debian/Ubuntu: apt-get install -y chromium; macOS: brew "
                + "install --cask chromium), or set CHAOS_CHROMIUM to the browser's executable",
            "CHAOS_CHROMIUM [/nowhere/chrome]: not an executable file; point it at the browser (e.g. /usr/bin/chromium), or "
                + "unset it to use the one on PATH");
        assertThat(OUT.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void a_browser_that_fails_leaves_an_earlier_pdf_as_it_was() throws Exception {
        Path pdf = Files.writeString(OUT.resolve("earlier.pdf"), "%PDF-1.4 earlier");
        Path fake = OUT.resolve("fake-chromium");
        Files.writeString(fake, "#!/bin/sh\necho 'crashed: no display' >&2\nexit 3\n");
        fake.toFile().setExecutable(true);

        try {
            PdfExport.render(new PdfExport.Request(runDir.resolve("report.html").toAbsolutePath(), pdf.toAbsolutePath(), fake));
            throw new AssertionError("a browser that exits 3 printed nothing");
        } catch (IOException e) {
            assertThat(e.getMessage()).isEqualTo("Chromium [" + fake + "] exited 3 without writing a PDF; it printed:\n"
                + "  crashed: no display");
        }
        assertThat(pdf).hasContent("%PDF-1.4 earlier");
        try (var files = Files.list(OUT)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    static String pdfText(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    static int pages(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdfinfo", pdf.toString()).redirectErrorStream(true).start();
        String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return info.lines().filter(l -> l.startsWith("Pages:")).map(l -> Integer.parseInt(l.substring(6).trim()))
            .findFirst().orElseThrow(() -> new AssertionError("pdfinfo: " + info));
    }

    static Optional<Path> onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
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
