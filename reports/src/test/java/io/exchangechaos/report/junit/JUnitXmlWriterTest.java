package io.exchangechaos.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Outcomes;
import io.exchangechaos.report.Recount;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.BudgetResult;
import io.exchangechaos.report.json.ReportJson.InvariantResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void suite_counts_match_the_budgets_the_history_gives_and_the_invariants(Fixture f) throws Exception {
        ReportJson o = f.outcome();
        new JUnitXmlWriter().write(o, tmp);

        Element suite = parse(java.nio.file.Files.readString(tmp.resolve("junit.xml"))).getDocumentElement();

        List<Verdict> all = new ArrayList<>();
        new Recount(f).budgets().forEach(b -> all.add(b.verdict()));
        o.invariants().forEach(i -> all.add(i.verdict()));
        all.add(o.verdict());
        long failures = all.stream().filter(v -> v == Verdict.FAIL).count();
        assertThat(failures).as("the FAIL run fails, the PASS run does not").isEqualTo(f == Fixture.FAIL ? 2 : 0);
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo(o.scenario().name());
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(all.size()));
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failures));
        assertThat(suite.getAttribute("errors")).isEqualTo(String.valueOf(
            all.stream().filter(v -> v == Verdict.INCONCLUSIVE || v == Verdict.ABORTED).count()));
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(all.size());
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo((int) failures);
        assertThat(suite.getElementsByTagName("error").getLength()).isEqualTo(Integer.parseInt(suite.getAttribute("errors")));
        assertThat(Double.parseDouble(suite.getAttribute("time"))).isCloseTo(
            java.time.Duration.between(java.time.Instant.parse(o.startedAt()), java.time.Instant.parse(o.finishedAt())).toMillis() / 1000.0,
            org.assertj.core.data.Offset.offset(0.01));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void every_budget_and_invariant_is_a_testcase_named_after_it_with_the_scenario_as_classname(Fixture f) throws Exception {
        ReportJson o = f.outcome();

        NodeList cases = parse(JUnitXmlWriter.render(o)).getElementsByTagName("testcase");

        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("name"));
            assertThat(c.getAttribute("classname")).isEqualTo("region-loss");
        }
        assertThat(names).containsExactlyElementsOf(Stream.of(
                new Recount(f).budgets().stream().map(b -> "budget: " + b.name()),
                o.invariants().stream().map(i -> "invariant: " + i.name()),
                Stream.of("verdict"))
            .flatMap(s -> s).toList());
    }

    @Test
    void a_failure_carries_observed_value_and_limit() throws Exception {
        ReportJson o = Fixture.FAIL.outcome();
        Document doc = parse(JUnitXmlWriter.render(o));

        ReportJson.InvariantResult lost = o.invariants().get(0);
        Element failure = (Element) testcase(doc, "invariant: no-lost-acked-orders").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("Invariant [no-lost-acked-orders] violated: "
            + lost.violations() + " violations, limit 0");
        assertThat(failure.getAttribute("type")).isEqualTo("FAIL");
        assertThat(failure.getTextContent()).contains(lost.detail()).contains(lost.examples().get(0));
        Element verdict = (Element) testcase(doc, "verdict").getElementsByTagName("failure").item(0);
        assertThat(verdict.getAttribute("message")).isEqualTo("Run FAIL: " + o.reasons().get(0));

        // GIVEN the fault-phase p99 the history gives, against a limit it breaks
        BudgetResult p99 = new Recount(Fixture.FAIL).budgets().stream()
            .filter(b -> b.name().startsWith("p99(place) during fault")).findFirst().orElseThrow();
        BudgetResult broken = new BudgetResult(p99.name(), p99.phase(), 1000.0, p99.observed(), "ms", Verdict.FAIL, p99.detail());
        Element budget = (Element) testcase(parse(JUnitXmlWriter.render(Outcomes.withBudgets(o, List.of(broken)))),
            "budget: " + p99.name()).getElementsByTagName("failure").item(0);
        assertThat(budget.getAttribute("message")).isEqualTo("Budget [" + p99.name() + "] violated: observed "
            + Figures.millis(p99.observed()) + ", limit 1,000 ms");
        assertThat(budget.getTextContent()).contains(p99.detail());
    }

    @Test
    void inconclusive_is_an_error_never_skipped_or_green() throws Exception {
        ReportJson o = Fixture.FAIL.outcome();
        BudgetResult b = o.budgets().get(2);
        BudgetResult unmeasured = new BudgetResult(b.name(), b.phase(), b.limit(), null, b.unit(), Verdict.INCONCLUSIVE,
            "no cancel operations started during fault, so nothing to measure");
        Document doc = parse(JUnitXmlWriter.render(Outcomes.withBudgets(o, List.of(unmeasured))));

        Element c = testcase(doc, "budget: " + b.name());

        assertThat(c.getElementsByTagName("skipped").getLength()).isZero();
        Element error = (Element) c.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("INCONCLUSIVE");
        assertThat(error.getAttribute("message")).isEqualTo("Budget [" + b.name() + "] inconclusive: observed n/a, limit "
            + Figures.value(b.limit(), b.unit()));
        assertThat(error.getTextContent()).contains("nothing to measure");
    }

    @Test
    void an_inconclusive_run_whose_budgets_all_passed_is_still_red() throws Exception {
        // GIVEN every budget and invariant passed, but the steady state never held before the faults
        ReportJson o = Fixture.FAIL.outcome();
        ReportJson inconclusive = new ReportJson(o.runId(), o.scenario(), o.topology(), o.backend(), o.weakness(), o.startedAt(),
            o.finishedAt(), Verdict.INCONCLUSIVE, List.of("Steady state did not hold before the faults: error ratio 0.4 > 0.0"),
            o.budgets().stream().map(b -> new BudgetResult(b.name(), b.phase(), b.limit(), 1.0, b.unit(), Verdict.PASS, b.detail())).toList(),
            o.invariants().stream().map(i -> new InvariantResult(i.name(), Verdict.PASS, 0, List.of(), i.detail())).toList(),
            o.orders(), o.latency(), o.recovery(), o.faults(), o.phases(), o.perSecond(), o.steadyState(), o.load(), o.notes(),
            o.environment());

        Element suite = parse(JUnitXmlWriter.render(inconclusive)).getDocumentElement();

        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element error = (Element) testcase(suite.getOwnerDocument(), "verdict").getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("Run INCONCLUSIVE: Steady state did not hold before the faults: error ratio 0.4 > 0.0");
    }

    @Test
    void text_xml_cannot_carry_is_escaped_or_replaced() throws Exception {
        ReportJson o = Fixture.FAIL.outcome();
        ReportJson hostile = new ReportJson(o.runId(), new ReportJson.ScenarioInfo("a\"<b>&c", null, null, "x\u0001y", null),
            o.topology(), o.backend(), o.weakness(), o.startedAt(), o.finishedAt(), o.verdict(), List.of("]]> <!-- \u0000"),
            o.budgets(), o.invariants(), o.orders(), o.latency(), o.recovery(), o.faults(), o.phases(), o.perSecond(),
            o.steadyState(), o.load(), o.notes(), o.environment());

        Document doc = parse(JUnitXmlWriter.render(hostile));

        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("a\"<b>&c");
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).contains("]]> <!-- \uFFFD");
    }

    private static Element testcase(Document doc, String name) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            if (((Element) cases.item(i)).getAttribute("name").equals(name)) {
                return (Element) cases.item(i);
            }
        }
        throw new AssertionError("no testcase [" + name + "]");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
