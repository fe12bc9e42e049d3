package io.exchangechaos.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Recount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportJsonTest {

    /** The fields CONTRACTS.md promises in report.json, as JSON pointers into the fixture's report. */
    static final List<String> CONTRACT = List.of(
        "/runId", "/scenario/name", "/scenario/file", "/scenario/sha256", "/scenario/incident", "/topology", "/backend",
        "/weakness", "/startedAt", "/finishedAt", "/verdict",
        "/budgets/0/name", "/budgets/0/phase", "/budgets/0/limit", "/budgets/0/observed", "/budgets/0/unit",
        "/budgets/0/verdict", "/budgets/0/detail",
        "/invariants/0/name", "/invariants/0/verdict", "/invariants/0/violations", "/invariants/0/examples",
        "/orders/sent", "/orders/acked", "/orders/rejected", "/orders/failed", "/orders/indeterminate",
        "/orders/resolved", "/orders/lost", "/orders/duplicated",
        "/latency/baseline/count", "/latency/fault/p50", "/latency/recovery/p90", "/latency/overall/p99",
        "/latency/overall/p999", "/latency/overall/max",
        "/recovery/seconds",
        "/faults/0/type", "/faults/0/target", "/faults/0/injectedAt", "/faults/0/healedAt",
        "/perSecond/0/t", "/perSecond/0/sent", "/perSecond/0/ok", "/perSecond/0/failed", "/perSecond/0/p50",
        "/perSecond/0/p99",
        "/environment/javaVersion", "/environment/os", "/environment/cpus", "/environment/gitCommit",
        "/environment/harnessVersion");

    @TempDir
    Path tmp;

    @Test
    void run_outcome_round_trips_through_jackson() {
        RunOutcome outcome = Fixture.FAIL.outcome();

        RunOutcome again = ReportJson.parse(ReportJson.toJson(outcome));

        assertThat(again).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void written_report_has_every_contract_field_and_validates_against_the_schema(Fixture f) throws Exception {
        // WHEN
        new JsonReportWriter().write(f.outcome(), tmp);

        // THEN
        JsonNode report = ReportJson.mapper().readTree(tmp.resolve("report.json").toFile());
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("schemaVersion").asText()).isEqualTo(ReportJson.SCHEMA_VERSION);
        assertThat(report.fieldNames().next()).isEqualTo("schemaVersion");
        assertThat(CONTRACT).allSatisfy(pointer -> assertThat(report.at(pointer).isMissingNode())
            .as("contract field %s", pointer).isFalse());
        // the figures are the history's
        Recount r = new Recount(f);
        assertThat(report.get("verdict").asText()).isEqualTo(f == Fixture.FAIL ? "FAIL" : "PASS");
        assertThat(ReportJson.mapper().treeToValue(report.get("orders"), RunOutcome.Orders.class)).isEqualTo(r.orders());
        assertThat(report.at("/latency/overall/count").asLong()).isEqualTo(r.operations().size());
        assertThat(report.at("/latency/fault/p99").asDouble()).isEqualTo(r.latency().get("fault").p99());
        assertThat(report.get("perSecond").size()).isEqualTo(r.perSecond().size());
        assertThat(report.at("/faults/0/injectedAt").asText()).isEqualTo(r.faults().get(0).injectedAt());
        assertThat(report.at("/invariants/0/examples").size()).isEqualTo(f.outcome().invariants().get(0).examples().size());
        assertThat(Files.readString(tmp.resolve("report.json"))).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void every_record_component_is_a_required_field_of_the_schema() {
        JsonNode schema = ReportSchema.document();
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));

        List<String> components = java.util.Arrays.stream(RunOutcome.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

        assertThat(required).containsAll(components).contains("schemaVersion");
    }

    @Test
    void every_property_of_the_schema_is_described() {
        List<String> undescribed = new ArrayList<>();
        walk(ReportSchema.document(), "", undescribed);

        assertThat(undescribed).isEmpty();
    }

    private static void walk(JsonNode node, String path, List<String> undescribed) {
        JsonNode properties = node.get("properties");
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode prop = p.getValue();
                boolean described = prop.has("description")
                    || prop.has("$ref") && prop.get("$ref").asText().equals("#/$defs/verdict");
                if (!described) {
                    undescribed.add(path + "/" + p.getKey());
                }
                walk(prop, path + "/" + p.getKey(), undescribed);
            }
        }
        if (node.has("items")) {
            walk(node.get("items"), path + "[]", undescribed);
        }
        if (node.has("$defs")) {
            node.get("$defs").fields().forEachRemaining(d -> walk(d.getValue(), "#/$defs/" + d.getKey(), undescribed));
        }
    }

    @Test
    void schema_rejects_a_report_that_breaks_the_contract_and_says_where() {
        ObjectNode report = ReportJson.toTree(Fixture.FAIL.outcome());
        report.put("verdict", "MOSTLY_FINE");
        ((ObjectNode) report.get("orders")).remove("lost");
        ((ObjectNode) report.withArray("faults").get(0)).put("injectedAt", "yesterday");

        List<String> problems = ReportSchema.validate(report);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("$.verdict"))
            .anySatisfy(p -> assertThat(p).contains("$.orders").contains("lost"))
            .anySatisfy(p -> assertThat(p).contains("$.faults[0].injectedAt"));
    }

    @Test
    void absent_lists_are_written_empty_and_absent_values_as_null() {
        RunOutcome bare = new RunOutcome("r1", new RunOutcome.ScenarioInfo("s", null, null, null, null), "single-region",
            "local", null, "2025-06-03T09:14:02Z", "2025-06-03T09:14:09Z", io.exchangechaos.core.verdict.Verdict.ABORTED,
            null, null, null, new RunOutcome.Orders(0, 0, 0, 0, 0, 0, 0, 0),
            Map.of("overall", new RunOutcome.LatencySummary(0, 0, 0, 0, 0, 0)), new RunOutcome.Recovery(null, null),
            null, null, null, null, null, null, new RunOutcome.Environment("17", "Linux", 2, null, "0.1.0", null));

        ObjectNode report = ReportJson.toTree(bare);

        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("budgets").isArray()).isTrue();
        assertThat(report.get("weakness").isNull()).isTrue();
        assertThat(report.at("/recovery/seconds").isNull()).isTrue();
    }
}
