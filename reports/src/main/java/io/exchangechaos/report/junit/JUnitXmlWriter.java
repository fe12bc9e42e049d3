package io.exchangechaos.report.junit;

import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.ReportRenderer;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.BudgetResult;
import io.exchangechaos.report.json.ReportJson.InvariantResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code junit.xml} in the Surefire format, so CI systems show a run like any test run: one {@code <testsuite>}
 * named after the scenario, one {@code <testcase>} per budget and per invariant, and a last testcase {@code verdict}
 * for the run as a whole. FAIL is a {@code <failure>}; INCONCLUSIVE and ABORTED are an {@code <error>}, never
 * skipped, because a run that proved nothing must not look green. The {@code verdict} testcase makes the suite red
 * whenever the run's verdict is not PASS, even when the cause (a steady state that never held, a load generator that
 * fell behind) is not a budget or an invariant.
 */
public final class JUnitXmlWriter implements ReportRenderer {

    public static final String FILE = "junit.xml";

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        Files.writeString(runDir.resolve(FILE), render(outcome));
    }

    /** One testcase of the suite, as data. */
    /** @param skipped not applicable to this exchange: written as skipped, never as passed */
    public record TestCase(String name, Verdict verdict, String message, String body, boolean skipped) {
        public TestCase(String name, Verdict verdict, String message, String body) {
            this(name, verdict, message, body, false);
        }
    }

    /** The testcases, in the order they are written. */
    public static List<TestCase> testCases(ReportJson outcome) {
        List<TestCase> cases = new ArrayList<>();
        for (BudgetResult b : nullSafe(outcome.budgets())) {
            cases.add(new TestCase("budget: " + b.name(), b.verdict(), budgetMessage(b), Figures.orDash(b.detail())));
        }
        for (InvariantResult i : nullSafe(outcome.invariants())) {
            StringBuilder body = new StringBuilder(Figures.orDash(i.detail()));
            for (String example : nullSafe(i.examples())) {
                body.append("\n  ").append(example);
            }
            cases.add(new TestCase("invariant: " + i.name(), i.verdict(), invariantMessage(i), body.toString(),
                "not-applicable".equals(i.coverage())));
        }
        List<String> reasons = nullSafe(outcome.reasons());
        String first = reasons.isEmpty() ? "no reason recorded" : reasons.get(0);
        cases.add(new TestCase("verdict", outcome.verdict(), "Run " + outcome.verdict() + ": " + first,
            String.join("\n", reasons)));
        return cases;
    }

    static String budgetMessage(BudgetResult b) {
        String how = switch (b.verdict()) {
            case PASS -> "held";
            case FAIL -> "violated";
            case INCONCLUSIVE -> "inconclusive";
            case ABORTED -> "aborted";
        };
        return "Budget [" + b.name() + "] " + how + ": observed " + Figures.value(b.observed(), b.unit())
            + ", limit " + Figures.value(b.limit(), b.unit());
    }

    static String invariantMessage(InvariantResult i) {
        if (!i.checked()) {
            return "Invariant [" + i.name() + "] not checked: " + Figures.orDash(i.detail());
        }
        String how = switch (i.verdict()) {
            case PASS -> "held";
            case FAIL -> "violated";
            case INCONCLUSIVE -> "inconclusive";
            case ABORTED -> "aborted";
        };
        return "Invariant [" + i.name() + "] " + how + ": " + Figures.count(i.violations())
            + (i.violations() == 1 ? " violation" : " violations") + ", limit 0";
    }

    public static String render(ReportJson outcome) {
        List<TestCase> cases = testCases(outcome);
        long failures = cases.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        long skipped = cases.stream().filter(TestCase::skipped).count();
        long errors = cases.stream().filter(c -> !c.skipped()
            && (c.verdict() == Verdict.INCONCLUSIVE || c.verdict() == Verdict.ABORTED)).count();
        Double seconds = Figures.secondsBetween(outcome.startedAt(), outcome.finishedAt());
        String suite = outcome.scenario() == null ? "unnamed-scenario" : outcome.scenario().name();

        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(attr(suite)).append('"')
            .append(" tests=\"").append(cases.size()).append('"')
            .append(" failures=\"").append(failures).append('"')
            .append(" errors=\"").append(errors).append('"')
            .append(" skipped=\"").append(skipped).append('"')
            .append(" time=\"").append(seconds(seconds)).append('"');
        if (outcome.startedAt() != null) {
            // Surefire writes local time without zone; CI parsers accept the ISO instant too.
            x.append(" timestamp=\"").append(attr(outcome.startedAt())).append('"');
        }
        if (outcome.environment() != null && outcome.environment().hostname() != null) {
            x.append(" hostname=\"").append(attr(outcome.environment().hostname())).append('"');
        }
        x.append(">\n  <properties>\n");
        properties(outcome).forEach((k, v) -> x.append("    <property name=\"").append(attr(k))
            .append("\" value=\"").append(attr(v)).append("\"/>\n"));
        x.append("  </properties>\n");
        for (TestCase c : cases) {
            x.append("  <testcase name=\"").append(attr(c.name())).append("\" classname=\"").append(attr(suite))
                .append("\" time=\"0\"");
            String element = c.skipped() ? "skipped" : switch (c.verdict()) {
                case PASS -> null;
                case FAIL -> "failure";
                case INCONCLUSIVE, ABORTED -> "error";
            };
            if (element == null) {
                x.append("/>\n");
                continue;
            }
            x.append(">\n    <").append(element).append(" message=\"").append(attr(c.message()))
                .append("\" type=\"").append(c.verdict()).append("\">").append(text(c.body()))
                .append("</").append(element).append(">\n  </testcase>\n");
        }
        x.append("  <system-out>").append(text(systemOut(outcome))).append("</system-out>\n");
        x.append("</testsuite>\n");
        return x.toString();
    }

    private static Map<String, String> properties(ReportJson o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("runId", o.runId());
        p.put("verdict", String.valueOf(o.verdict()));
        if (o.scenario() != null) {
            p.put("scenario.file", o.scenario().file());
            p.put("scenario.sha256", o.scenario().sha256());
            p.put("scenario.incident", o.scenario().incident());
        }
        p.put("topology", o.topology());
        p.put("backend", o.backend());
        p.put("weakness", Figures.weakness(o.weakness()));
        p.put("startedAt", o.startedAt());
        p.put("finishedAt", o.finishedAt());
        if (o.environment() != null) {
            p.put("gitCommit", o.environment().gitCommit());
            p.put("harnessVersion", o.environment().harnessVersion());
            p.put("javaVersion", o.environment().javaVersion());
        }
        p.values().removeIf(v -> v == null);
        return p;
    }

    private static String systemOut(ReportJson o) {
        StringBuilder s = new StringBuilder("Verdict: ").append(o.verdict()).append('\n');
        for (String reason : nullSafe(o.reasons())) {
            s.append("- ").append(reason).append('\n');
        }
        s.append("Report: report.html (open it offline); summary: summary.md\n");
        return s.toString();
    }

    private static String seconds(Double s) {
        return s == null ? "0" : String.format(Locale.ROOT, "%.3f", s);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String attr(String s) {
        return escape(s, true);
    }

    static String text(String s) {
        return escape(s, false);
    }

    /** XML 1.0 escaping; characters XML 1.0 cannot carry at all (most control characters) become U+FFFD. */
    static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean legal = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(legal ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
