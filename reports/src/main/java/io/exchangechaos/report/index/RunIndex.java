package io.exchangechaos.report.index;

import static io.exchangechaos.report.html.Html.esc;

import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.html.Html;
import io.exchangechaos.report.json.JsonReportWriter;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.LatencySummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code target/chaos-runs/index.html}: every run under a runs root ({@code <root>/<scenario>/<timestamp>/report.json})
 * in one table, newest first, and per scenario the trend of its p99 and its recovery time across runs. One
 * self-contained page, like the reports it links to. Symbolic links (the {@code latest} link) are skipped so no run
 * is listed twice.
 */
public final class RunIndex {

    public static final String FILE = "index.html";
    private static final String CSS = resource();

    /**
     * One run found under the root.
     *
     * @param outcome null when its report.json could not be read; then {@code problem} says why
     */
    public record Run(String scenario, String directory, ReportJson outcome, String problem) {

        /** p99 of the fault phase, or of the whole load when the run had no fault phase; null when unknown. */
        public Double p99Millis() {
            if (outcome == null || outcome.latency() == null) {
                return null;
            }
            LatencySummary l = outcome.latency().getOrDefault("fault", outcome.latency().get("overall"));
            return l == null || l.count() == 0 ? null : l.p99();
        }

        public String p99Phase() {
            return outcome != null && outcome.latency() != null && outcome.latency().containsKey("fault") ? "fault" : "overall";
        }

        public Double recoverySeconds() {
            return outcome == null || outcome.recovery() == null ? null : outcome.recovery().seconds();
        }

        /** When the run started: from its report, else from a directory named like {@code 20250603T091402Z}. */
        Instant started() {
            Instant at = outcome == null ? null : Figures.instant(outcome.startedAt());
            if (at == null) {
                try {
                    at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                        .parse(directory, Instant::from);
                } catch (DateTimeException e) {
                    at = Instant.EPOCH;
                }
            }
            return at;
        }
    }

    private RunIndex() {
    }

    /** Rewrites {@code <runsRoot>/index.html} from every run under it; returns its path. */
    public static Path update(Path runsRoot) throws IOException {
        Files.createDirectories(runsRoot);
        Path index = runsRoot.resolve(FILE);
        // Runs finishing together (two processes, or threads of one) take turns: each scans and writes under an
        // exclusive lock, so the last page written lists every run finished so far. The page itself is replaced
        // atomically, so a reader never sees half of one.
        synchronized (IN_PROCESS) {
            try (FileChannel lock = FileChannel.open(runsRoot.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                write(runsRoot, index);
            }
        }
        return index;
    }

    private static void write(Path runsRoot, Path index) throws IOException {
        Path tmp = Files.createTempFile(runsRoot, ".index-", ".html");
        try {
            Files.writeString(tmp, render(scan(runsRoot)));
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final String LOCK = ".index.lock";
    /** A file lock belongs to the whole JVM, so threads of this one take turns on a monitor as well. */
    private static final Object IN_PROCESS = new Object();

    /** Every run under the root, oldest first. */
    public static List<Run> scan(Path runsRoot) throws IOException {
        List<Run> runs = new ArrayList<>();
        if (!Files.isDirectory(runsRoot)) {
            return runs;
        }
        for (Path scenarioDir : children(runsRoot)) {
            for (Path runDir : children(scenarioDir)) {
                Path report = runDir.resolve(JsonReportWriter.FILE);
                if (!Files.isRegularFile(report)) {
                    continue;
                }
                String scenario = scenarioDir.getFileName().toString();
                String dir = runDir.getFileName().toString();
                try {
                    runs.add(new Run(scenario, dir, ReportJson.read(report), null));
                } catch (IOException | RuntimeException e) {
                    runs.add(new Run(scenario, dir, null, "report.json unreadable: " + e.getMessage().lines().findFirst().orElse("")));
                }
            }
        }
        runs.sort(Comparator.comparing(Run::started).thenComparing(Run::directory));
        return runs;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).sorted().toList();
        }
    }

    public static String render(List<Run> runs) {
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .append("<title>exchange-chaos runs</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
            .append("<h1>exchange-chaos runs</h1>\n<p class=\"muted\">").append(runs.size())
            .append(runs.size() == 1 ? " run" : " runs").append(" under this directory, newest first. ")
            .append("Verify any of them with <code>./chaos report verify DIR</code>.</p>\n");

        h.append("<table id=\"runs\"><thead><tr><th>Started</th><th>Scenario</th><th>Topology</th><th>Weakness</th>")
            .append("<th>Verdict</th><th class=\"num\">p99</th><th class=\"num\">Recovery</th><th class=\"num\">Sent</th>")
            .append("<th class=\"num\">Lost</th><th class=\"num\">Indeterminate</th><th class=\"num\">Budgets failed</th>")
            .append("<th>Report</th></tr></thead><tbody>\n");
        List<Run> newestFirst = new ArrayList<>(runs);
        Collections.reverse(newestFirst);
        for (Run r : newestFirst) {
            String link = "./" + segment(r.scenario()) + "/" + segment(r.directory()) + "/";
            if (r.outcome() == null) {
                h.append("<tr class=\"run\"><td>").append(esc(r.directory())).append("</td><td>").append(esc(r.scenario()))
                    .append("</td><td colspan=\"9\" class=\"v-FAIL\">").append(esc(r.problem()))
                    .append("</td><td><a href=\"").append(esc(link)).append("\">directory</a></td></tr>\n");
                continue;
            }
            ReportJson o = r.outcome();
            long failedBudgets = o.budgets() == null ? 0 : o.budgets().stream().filter(b -> b.verdict() != Verdict.PASS).count();
            int budgets = o.budgets() == null ? 0 : o.budgets().size();
            h.append("<tr class=\"run\" data-scenario=\"").append(esc(r.scenario())).append("\"><td>").append(esc(o.startedAt()))
                .append("</td><td>").append(esc(r.scenario())).append("</td><td>").append(esc(o.topology()))
                .append("</td><td>").append(esc(Figures.weakness(o.weakness()))).append("</td><td class=\"verdict v-")
                .append(o.verdict()).append("\">").append(o.verdict()).append("</td><td class=\"num\">")
                .append(esc(r.p99Millis() == null ? "n/a" : Figures.millis(r.p99Millis()) + " (" + r.p99Phase() + ")"))
                .append("</td><td class=\"num\">").append(esc(o.recovery() == null ? "n/a"
                    : o.recovery().seconds() == null ? "never" : Figures.value(o.recovery().seconds(), "s")))
                .append("</td><td class=\"num\">").append(o.orders() == null ? "n/a" : Figures.count(o.orders().sent()))
                .append("</td><td class=\"num").append(o.orders() != null && o.orders().lost() > 0 ? " v-FAIL verdict" : "")
                .append("\">").append(o.orders() == null ? "n/a" : Figures.count(o.orders().lost()))
                .append("</td><td class=\"num\">").append(o.orders() == null ? "n/a" : Figures.count(o.orders().indeterminate()))
                .append("</td><td class=\"num\">").append(failedBudgets).append(" / ").append(budgets)
                .append("</td><td><a href=\"").append(esc(link + "report.html")).append("\">report</a> · <a href=\"")
                .append(esc(link + "summary.md")).append("\">summary</a></td></tr>\n");
        }
        h.append("</tbody></table>\n");

        Map<String, List<Run>> byScenario = new LinkedHashMap<>();
        runs.stream().filter(r -> r.outcome() != null).sorted(Comparator.comparing(Run::scenario))
            .forEach(r -> byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r));
        if (!byScenario.isEmpty()) {
            h.append("<h2>Trends per scenario</h2>\n<p class=\"muted\">Oldest run on the left; a point's colour is its verdict. ")
                .append("p99 is the fault phase's (the whole load's for runs without faults).</p>\n");
        }
        byScenario.forEach((scenario, list) -> {
            h.append("<section class=\"scenario\" id=\"trend-").append(esc(Html.token(scenario)))
                .append("\"><h3>").append(esc(scenario)).append(" <span class=\"muted\">(").append(list.size())
                .append(list.size() == 1 ? " run" : " runs").append(")</span></h3>\n<div class=\"trends\">\n");
            String id = Html.token(scenario);
            h.append("<figure><figcaption>p99 latency</figcaption>")
                .append(TrendChart.svg("trend-p99-" + id, "p99 latency of " + scenario + " across runs", "ms", list, Run::p99Millis))
                .append("</figure>\n<figure><figcaption>Recovery time</figcaption>")
                .append(TrendChart.svg("trend-recovery-" + id, "recovery time of " + scenario + " across runs", "s", list,
                    Run::recoverySeconds))
                .append("</figure>\n</div></section>\n");
        });
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** A path segment percent-encoded for a relative URL (run directories may hold ':' from timestamps). */
    static String segment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String resource() {
        try (InputStream in = RunIndex.class.getResourceAsStream("index.css")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource [index.css] next to " + RunIndex.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
