package io.exchangechaos.report.html;

import static io.exchangechaos.report.html.Html.esc;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.ReportRenderer;
import io.exchangechaos.report.RunClock;
import io.exchangechaos.report.html.TimeChart.Series;
import io.exchangechaos.report.html.TimeChart.Style;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.BudgetResult;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import io.exchangechaos.report.json.ReportJson.InvariantResult;
import io.exchangechaos.report.json.ReportJson.LatencySummary;
import io.exchangechaos.report.json.ReportJson.Note;
import io.exchangechaos.report.json.ReportJson.Participant;
import io.exchangechaos.report.json.ReportJson.PhaseWindow;
import io.exchangechaos.report.json.ReportJson.RoomDecision;
import io.exchangechaos.report.json.ReportJson.SecondStats;
import io.exchangechaos.report.json.ReportJson.SteadyStateResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page for the people who were there and those who come later. Opens
 * offline: styles are inlined, charts are inline SVG drawn here, and a Content-Security-Policy forbids any fetch.
 * Every string from the outcome or the history is escaped.
 */
public final class HtmlReportWriter implements ReportRenderer {

    public static final String FILE = "report.html";
    static final String HISTORY = "history.jsonl";
    private static final String CSS = resource("report.css");
    private static final List<String> PHASE_ORDER = List.of("baseline", "fault", "recovery", "overall");

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        Files.writeString(runDir.resolve(FILE), render(outcome, runDir.resolve(HISTORY)));
    }

    /** The page; {@code history} (may be absent) supplies what the client saw of each violating order. */
    public static String render(ReportJson o, Path history) throws IOException {
        String scenario = o.scenario() == null ? "unnamed scenario" : o.scenario().name();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>").append(esc(o.verdict() + " · " + scenario + " · " + o.runId())).append("</title>\n")
            .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        banner(h, o, scenario);
        facts(h, o);
        charts(h, o);
        budgets(h, o);
        invariants(h, o, history);
        faults(h, o);
        orders(h, o);
        latency(h, o);
        checks(h, o);
        room(h, o);
        notes(h, o);
        environment(h, o);
        h.append("<footer>Files of this run: <a href=\"report.json\">report.json</a> · <a href=\"junit.xml\">junit.xml</a> · ")
            .append("<a href=\"summary.md\">summary.md</a> · <a href=\"history.jsonl\">history.jsonl</a> · ")
            .append("<a href=\"scenario.yaml\">scenario.yaml</a> · <a href=\"manifest.json\">manifest.json</a>. ")
            .append("Check that none was altered: <code>./chaos report verify &lt;this directory&gt;</code>.</footer>\n")
            .append("</body>\n</html>\n");
        return h.toString();
    }

    private static void banner(StringBuilder h, ReportJson o, String scenario) {
        h.append("<header class=\"banner banner-").append(o.verdict()).append("\" id=\"verdict\">\n<h1>")
            .append(esc(o.verdict())).append(" — ").append(esc(scenario)).append("</h1>\n<div class=\"sub\">")
            .append(esc(o.topology())).append(" · weakness ").append(esc(Figures.weakness(o.weakness())))
            .append(" · backend ").append(esc(o.backend())).append("</div>\n");
        List<String> reasons = list(o.reasons());
        if (!reasons.isEmpty()) {
            h.append("<ul>");
            reasons.forEach(r -> h.append("<li>").append(esc(r)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("</header>\n");
    }

    private static void facts(StringBuilder h, ReportJson o) {
        h.append("<section id=\"scenario\"><h2>Scenario</h2>\n<dl class=\"facts\">\n");
        if (o.scenario() != null) {
            fact(h, "Scenario", o.scenario().name());
            fact(h, "Replays incident", o.scenario().incident());
            fact(h, "What it does", o.scenario().description());
            fact(h, "Scenario file", o.scenario().file());
            factCode(h, "Scenario SHA-256", o.scenario().sha256());
        }
        fact(h, "Topology", o.topology());
        fact(h, "Weakness", Figures.weakness(o.weakness()));
        fact(h, "Backend", o.backend());
        factCode(h, "Run id", o.runId());
        Double seconds = Figures.secondsBetween(o.startedAt(), o.finishedAt());
        fact(h, "Started", o.startedAt());
        fact(h, "Finished", o.finishedAt() + (seconds == null ? "" : " (" + Figures.value(seconds, "s") + ")"));
        fact(h, "Signed", o.signature() == null ? "no (a run signs its manifest with --signing-key)"
            : "by key id " + o.signature().keyId() + " (" + o.signature().algorithm() + "): manifest.sig; check it with "
                + "./chaos report verify <this directory> --key PUBLIC_KEY");
        h.append("</dl></section>\n");
    }

    private static void charts(StringBuilder h, ReportJson o) {
        List<SecondStats> perSecond = list(o.perSecond());
        h.append("<section id=\"charts\"><h2>Over time</h2>\n");
        if (perSecond.isEmpty()) {
            h.append("<p class=\"muted\">No per-second figures were recorded (the load did not start).</p></section>\n");
            return;
        }
        int seconds = (int) perSecond.stream().mapToLong(SecondStats::t).max().orElse(0) + 1;
        double axis = seconds;
        for (PhaseWindow p : list(o.phases())) {
            axis = Math.max(axis, p.endSecond());
        }
        for (FaultWindow f : list(o.faults())) {
            axis = Math.max(axis, f.endSecond() == null ? f.startSecond() : f.endSecond());
        }
        int n = (int) Math.ceil(axis);
        List<FaultWindow> faults = list(o.faults());
        List<PhaseWindow> phases = list(o.phases());
        String faultKey = faults.isEmpty() ? "" : "<span class=\"key fault-key\">fault window</span>";

        figure(h, "Latency of acknowledged operations (log scale)",
            "<span class=\"key series-p50\">p50</span><span class=\"key series-p99\">p99</span>" + faultKey,
            new TimeChart("chart-latency", "Latency p50 and p99 per second, milliseconds", "ms", true, axis,
                List.of(new Series("p50", "series-p50", Style.LINE, values(perSecond, n, s -> s.ok() > 0 ? s.p50() : Double.NaN)),
                    new Series("p99", "series-p99", Style.LINE, values(perSecond, n, s -> s.ok() > 0 ? s.p99() : Double.NaN))),
                faults, phases));
        figure(h, "Throughput",
            "<span class=\"key series-ok\">acknowledged / s</span><span class=\"key series-sent\">sent / s</span>" + faultKey,
            new TimeChart("chart-throughput", "Operations acknowledged and sent per second", "/s", false, axis,
                List.of(new Series("sent/s", "series-sent", Style.LINE, values(perSecond, n, SecondStats::sent)),
                    new Series("ok/s", "series-ok", Style.LINE, values(perSecond, n, SecondStats::ok))),
                faults, phases));
        figure(h, "Errors",
            "<span class=\"key series-failed\">not acknowledged / s (rejected, failed, indeterminate)</span>" + faultKey,
            new TimeChart("chart-errors", "Operations not acknowledged per second", "/s", false, axis,
                List.of(new Series("failed/s", "series-failed", Style.BARS, values(perSecond, n, SecondStats::failed))),
                faults, phases));
        h.append("</section>\n");
    }

    private static void figure(StringBuilder h, String caption, String keys, TimeChart chart) {
        h.append("<figure><figcaption>").append(esc(caption)).append(' ').append(keys).append("</figcaption>\n")
            .append(chart.svg()).append("\n</figure>\n");
    }

    private static double[] values(List<SecondStats> perSecond, int n, ToDoubleFunction<SecondStats> value) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (SecondStats s : perSecond) {
            if (s.t() >= 0 && s.t() < n) {
                out[(int) s.t()] = value.applyAsDouble(s);
            }
        }
        return out;
    }

    private static void budgets(StringBuilder h, ReportJson o) {
        h.append("<section id=\"budgets\"><h2>Budgets</h2>\n");
        List<BudgetResult> budgets = list(o.budgets());
        if (budgets.isEmpty()) {
            h.append("<p class=\"muted\">The scenario sets no budgets.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Verdict</th><th>Budget</th><th>Phase</th><th class=\"num\">Limit</th>")
            .append("<th class=\"num\">Observed</th><th>Detail</th></tr></thead><tbody>\n");
        for (BudgetResult b : budgets) {
            h.append("<tr class=\"budget\">").append(verdictCell(b.verdict())).append("<td>").append(esc(b.name()))
                .append("</td><td>").append(esc(Figures.orDash(b.phase()))).append("</td><td class=\"num\">")
                .append(esc(Figures.value(b.limit(), b.unit()))).append("</td><td class=\"num\">")
                .append(esc(Figures.value(b.observed(), b.unit()))).append("</td><td>").append(esc(Figures.orDash(b.detail())))
                .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void invariants(StringBuilder h, ReportJson o, Path history) throws IOException {
        h.append("<section id=\"invariants\"><h2>Invariants</h2>\n");
        List<InvariantResult> invariants = list(o.invariants());
        if (invariants.isEmpty()) {
            h.append("<p class=\"muted\">No invariants were checked.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Verdict</th><th>Invariant</th><th class=\"num\">Limit</th>")
            .append("<th class=\"num\">Observed</th><th>Detail</th><th>Checked by</th></tr></thead><tbody>\n");
        for (InvariantResult i : invariants) {
            h.append("<tr class=\"invariant\">").append(i.checked() ? verdictCell(i.verdict())
                    : "<td class=\"verdict v-INCONCLUSIVE not-checked\">NOT CHECKED</td>").append("<td>").append(esc(i.name()))
                .append("</td><td class=\"num\">0 violations</td><td class=\"num\">")
                .append(i.checked() ? esc(Figures.count(i.violations())) + (i.violations() == 1 ? " violation" : " violations") : "—")
                .append("</td><td>").append(esc(Figures.orDash(i.detail()))).append("</td><td>")
                .append(esc(Figures.orDash(i.checkedBy()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        List<String> notChecked = invariants.stream().filter(i -> !i.checked()).map(InvariantResult::name).toList();
        if (!notChecked.isEmpty()) {
            h.append("<p class=\"not-checked\">Not checked (never counted as passed): ").append(esc(String.join(", ", notChecked)))
                .append("</p>\n");
        }

        Instant loadStart = RunClock.loadStart(o);
        for (InvariantResult i : invariants) {
            List<String> examples = list(i.examples());
            if (examples.isEmpty()) {
                continue;
            }
            h.append("<div class=\"example\" id=\"examples-").append(Html.token(i.name())).append("\"><h3>Examples of violating orders: ")
                .append(esc(i.name())).append("</h3><ul>");
            examples.forEach(e -> h.append("<li class=\"mono\">").append(esc(e)).append("</li>"));
            h.append("</ul>\n");
            Map<String, List<Operation>> ops = ViolatingOrders.find(history, examples);
            if (!ops.isEmpty()) {
                h.append("<p class=\"muted\">What the client saw of them, from history.jsonl:</p>\n")
                    .append("<table class=\"history\"><thead><tr><th>Client order id</th><th>Op</th><th class=\"num\">Sent at</th>")
                    .append("<th>Order</th><th>Entrypoint</th><th class=\"num\">Attempts</th><th class=\"num\">Latency</th>")
                    .append("<th>Answer</th><th>State</th><th>Detail</th></tr></thead><tbody>\n");
                ops.forEach((id, list) -> list.forEach(op -> h.append("<tr><td class=\"mono\">").append(esc(id))
                    .append("</td><td>").append(esc(op.op())).append("</td><td class=\"num\">").append(esc(sentAt(op, loadStart)))
                    .append("</td><td>").append(esc(orderText(op))).append("</td><td class=\"mono\">").append(esc(op.entrypoint()))
                    .append("</td><td class=\"num\">").append(op.attempts()).append("</td><td class=\"num\">")
                    .append(esc(Figures.millis(op.latencyMicros() / 1000.0))).append("</td><td>").append(esc(op.answer()))
                    .append("</td><td>").append(esc(Figures.orDash(op.orderState()))).append("</td><td>")
                    .append(esc(Figures.orDash(op.detail()))).append("</td></tr>\n")));
                h.append("</tbody></table>\n");
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static String orderText(Operation op) {
        if (op.isCancel() || op.symbol() == null) {
            return op.kind() == null ? "" : op.kind();
        }
        return op.side() + " " + op.quantity() + " " + op.symbol() + " " + op.kind()
            + (op.price() > 0 ? " @ " + op.price() : "") + " (account " + op.account() + ")";
    }

    /** Seconds since the load started when it can be told, else the instant. */
    private static String sentAt(Operation op, Instant loadStart) {
        if (loadStart != null) {
            long micros = op.sentMicros() - (loadStart.getEpochSecond() * 1_000_000 + loadStart.getNano() / 1000);
            return String.format(java.util.Locale.ROOT, "%.2f s", micros / 1e6);
        }
        return Instant.ofEpochSecond(op.sentMicros() / 1_000_000, (op.sentMicros() % 1_000_000) * 1000).toString();
    }


    private static void faults(StringBuilder h, ReportJson o) {
        h.append("<section id=\"faults\"><h2>Fault timeline</h2>\n");
        List<FaultWindow> faults = list(o.faults());
        if (faults.isEmpty()) {
            h.append("<p class=\"muted\">No faults were injected.</p>\n");
        } else {
            h.append("<table><thead><tr><th>Fault</th><th>Type</th><th>Target</th><th>Injected</th><th>Healed</th>")
                .append("<th class=\"num\">Window</th><th>Error</th></tr></thead><tbody>\n");
            for (FaultWindow f : faults) {
                String window = Figures.second(f.startSecond()) + " – "
                    + (f.endSecond() == null ? "not healed" : Figures.second(f.endSecond()));
                h.append("<tr class=\"fault-row\"><td>").append(esc(Figures.orDash(f.name()))).append("</td><td>")
                    .append(esc(f.type())).append("</td><td>").append(esc(f.target())).append("</td><td class=\"mono\">")
                    .append(esc(Figures.orDash(f.injectedAt()))).append("</td><td class=\"mono\">")
                    .append(f.healedAt() == null ? "<strong class=\"v-FAIL\">not healed — run ./chaos cleanup</strong>"
                        : esc(f.healedAt()))
                    .append("</td><td class=\"num\">").append(esc(window)).append("</td><td>")
                    .append(esc(Figures.orDash(f.error()))).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        List<PhaseWindow> phases = list(o.phases());
        if (!phases.isEmpty()) {
            h.append("<p>Phases: ");
            for (int k = 0; k < phases.size(); k++) {
                PhaseWindow p = phases.get(k);
                h.append(k == 0 ? "" : " · ").append("<strong>").append(esc(p.phase())).append("</strong> ")
                    .append(esc(Figures.second(p.startSecond()) + "–" + Figures.second(p.endSecond())));
            }
            h.append(" <span class=\"muted\">(seconds from the start of the load)</span></p>\n");
        }
        h.append("</section>\n");
    }

    private static void orders(StringBuilder h, ReportJson o) {
        h.append("<section id=\"orders\"><h2>Order accounting</h2>\n");
        if (o.orders() == null) {
            h.append("<p class=\"muted\">No orders were accounted.</p></section>\n");
            return;
        }
        var r = o.orders();
        h.append("<table class=\"orders\"><thead><tr><th class=\"num\">Sent</th><th class=\"num\">Acked</th>")
            .append("<th class=\"num\">Rejected</th><th class=\"num\">Failed</th><th class=\"num\">Indeterminate</th>")
            .append("<th class=\"num\">Resolved</th><th class=\"num\">Lost</th><th class=\"num\">Duplicated</th></tr></thead>")
            .append("<tbody><tr>");
        for (long v : new long[] {r.sent(), r.acked(), r.rejected(), r.failed(), r.indeterminate(), r.resolved()}) {
            h.append("<td class=\"num\">").append(Figures.count(v)).append("</td>");
        }
        for (long v : new long[] {r.lost(), r.duplicated()}) {
            h.append("<td class=\"num").append(v > 0 ? " v-FAIL verdict" : "").append("\">").append(Figures.count(v)).append("</td>");
        }
        h.append("</tr></tbody></table>\n<p class=\"muted\">Indeterminate: the client got no answer (timeout, reset); ")
            .append("resolved: reconciliation established what happened. Lost: acknowledged, then absent from the exchange.</p>\n")
            .append("</section>\n");
    }

    private static void latency(StringBuilder h, ReportJson o) {
        Map<String, LatencySummary> latency = o.latency() == null ? Map.of() : o.latency();
        if (latency.isEmpty()) {
            return;
        }
        h.append("<section id=\"latency\"><h2>Latency per phase</h2>\n<table><thead><tr><th>Phase</th>")
            .append("<th class=\"num\">Count</th><th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p99</th>")
            .append("<th class=\"num\">p99.9</th><th class=\"num\">Max</th></tr></thead><tbody>\n");
        latency.keySet().stream()
            .sorted(java.util.Comparator.comparingInt((String k) -> PHASE_ORDER.indexOf(k) < 0 ? 99 : PHASE_ORDER.indexOf(k))
                .thenComparing(k -> k))
            .forEach(phase -> {
                LatencySummary l = latency.get(phase);
                h.append("<tr><td>").append(esc(phase)).append("</td><td class=\"num\">").append(Figures.count(l.count()));
                for (double v : new double[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
                    h.append("</td><td class=\"num\">").append(esc(Figures.millis(v)));
                }
                h.append("</td></tr>\n");
            });
        h.append("</tbody></table></section>\n");
    }

    private static void checks(StringBuilder h, ReportJson o) {
        h.append("<section id=\"checks\"><h2>Recovery, steady state and load</h2>\n<dl class=\"facts\">\n");
        if (o.recovery() != null) {
            boolean measured = !RunOutcome.Recovery.NO_BUDGET.equals(o.recovery().detail());
            fact(h, "Recovery", Figures.recovery(o.recovery())
                + (o.recovery().detail() == null || !measured ? "" : " — " + o.recovery().detail()));
        }
        if (o.steadyState() != null) {
            steady(h, "Steady state before", o.steadyState().before());
            steady(h, "Steady state after", o.steadyState().after());
        }
        if (o.load() != null) {
            var l = o.load();
            fact(h, "Load generator", (l.trustworthy() ? "kept its schedule" : "cannot vouch for its latencies")
                + " — " + Figures.count(l.started()) + " of " + Figures.count(l.planned()) + " operations started, send lag p99 "
                + Figures.millis(l.lagP99Millis()) + ", max " + Figures.millis(l.lagMaxMillis())
                + (l.canaryP99Millis() == null ? "" : ", own latency p99 " + Figures.millis(l.canaryP99Millis())
                    + " (canary on loopback)")
                + (l.detail() == null ? "" : " (" + l.detail() + ")"));
        }
        h.append("</dl></section>\n");
    }

    private static void steady(StringBuilder h, String label, SteadyStateResult s) {
        fact(h, label, s == null ? "not checked" : (s.held() ? "held" : "did not hold") + " for "
            + Figures.value(s.seconds(), "s") + (s.detail() == null ? "" : " — " + s.detail()));
    }

    /** A game day's room: who took part, and what they decided how long after the fault. Absent for other runs. */
    private static void room(StringBuilder h, ReportJson o) {
        List<Participant> participants = list(o.participants());
        List<RoomDecision> decisions = list(o.decisions());
        if (participants.isEmpty() && decisions.isEmpty()) {
            return;
        }
        h.append("<section id=\"room\"><h2>Game day room</h2>\n");
        if (!participants.isEmpty()) {
            h.append("<h3>Participants</h3>\n<table><thead><tr><th>Name</th><th>Role</th><th>Signed in</th></tr></thead><tbody>\n");
            for (Participant p : participants) {
                h.append("<tr class=\"participant\"><td>").append(esc(p.name())).append("</td><td>")
                    .append(esc(Figures.orDash(p.role()))).append("</td><td class=\"mono\">").append(esc(Figures.orDash(p.joinedAt())))
                    .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h3>Decisions</h3>\n");
        if (decisions.isEmpty()) {
            h.append("<p class=\"muted\">No decision was recorded.</p>\n");
        } else {
            h.append("<table><thead><tr><th>Decision</th><th>By</th><th>At</th><th>After fault</th>")
                .append("<th class=\"num\">Time to decide</th></tr></thead><tbody>\n");
            for (RoomDecision d : decisions) {
                h.append("<tr class=\"decision\"><td><strong>").append(esc(d.choice())).append("</strong></td><td>")
                    .append(esc(Figures.orDash(d.author()))).append("</td><td class=\"mono\">").append(esc(Figures.orDash(d.at())))
                    .append("</td><td>").append(esc(d.fault() == null ? "none injected yet" : d.fault()))
                    .append("</td><td class=\"num\">").append(esc(d.secondsAfterFault() == null ? "—"
                        : Figures.value(d.secondsAfterFault(), "s"))).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void notes(StringBuilder h, ReportJson o) {
        h.append("<section id=\"notes\"><h2>Notes</h2>\n");
        List<Note> notes = list(o.notes());
        if (notes.isEmpty()) {
            h.append("<p class=\"muted\">No notes. Operators write them during <code>./chaos gameday</code>.</p>\n");
        }
        for (Note n : notes) {
            h.append("<div class=\"note\"><div class=\"meta\">").append(esc(Figures.orDash(n.at()))).append(" · ")
                .append(esc(Figures.orDash(n.author()))).append("</div>").append(esc(n.text())).append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void environment(StringBuilder h, ReportJson o) {
        h.append("<section id=\"environment\"><h2>Environment</h2>\n<dl class=\"facts\">\n");
        if (o.environment() != null) {
            var e = o.environment();
            fact(h, "exchange-chaos", e.harnessVersion());
            factCode(h, "Git commit", e.gitCommit());
            fact(h, "Java", e.javaVersion());
            fact(h, "OS", e.os());
            fact(h, "CPUs", String.valueOf(e.cpus()));
            fact(h, "Host", e.hostname());
            e.variables().forEach((k, v) -> factCode(h, k, v));
            if (!e.jvmArguments().isEmpty()) {
                factCode(h, "JVM arguments", String.join(" ", e.jvmArguments()));
            }
        }
        String redacted = Figures.redactions(o.redactions());
        if (redacted != null) {
            fact(h, "Secrets", redacted);
        }
        h.append("</dl></section>\n");
    }

    private static void fact(StringBuilder h, String label, String value) {
        h.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(Figures.orDash(value))).append("</dd>\n");
    }

    private static void factCode(StringBuilder h, String label, String value) {
        h.append("<dt>").append(esc(label)).append("</dt><dd><code>").append(esc(Figures.orDash(value))).append("</code></dd>\n");
    }

    private static String verdictCell(Verdict v) {
        return "<td class=\"verdict v-" + v + "\">" + v + "</td>";
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource [" + name + "] next to " + HtmlReportWriter.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
