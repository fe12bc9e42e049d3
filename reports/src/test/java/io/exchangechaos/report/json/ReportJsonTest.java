package io.exchangechaos.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.Recount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        ReportJson outcome = Fixture.FAIL.outcome();

        ReportJson again = ReportJson.parse(outcome.toJson());

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
        assertThat(ReportJson.mapper().treeToValue(report.get("orders"), ReportJson.Orders.class)).isEqualTo(r.orders());
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

        List<String> components = java.util.Arrays.stream(ReportJson.class.getRecordComponents())
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
        ObjectNode report = Fixture.FAIL.outcome().toTree();
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
        ReportJson bare = new ReportJson("r1", new ReportJson.ScenarioInfo("s", null, null, null, null), "single-region",
            "local", null, "2025-06-03T09:14:02Z", "2025-06-03T09:14:09Z", Verdict.ABORTED,
            null, null, null, new ReportJson.Orders(0, 0, 0, 0, 0, 0, 0, 0),
            Map.of("overall", new ReportJson.LatencySummary(0, 0, 0, 0, 0, 0)), new ReportJson.Recovery(null, null),
            null, null, null, null, null, null, new ReportJson.Environment("17", "Linux", 2, null, "0.1.0", null, null, null));

        ObjectNode report = bare.toTree();

        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("budgets").isArray()).isTrue();
        assertThat(report.get("weakness").isNull()).isTrue();
        assertThat(report.at("/recovery/seconds").isNull()).isTrue();
    }

    @Test
    void a_domain_outcome_maps_to_report_json_s_names_units_and_nulls() {
        // GIVEN an outcome as the runner builds it: instants, durations, phases, invariant ids, findings
        RunOutcome outcome = RunOutcome.builder().runId("region-loss-20261126T100000Z")
            .scenario(new RunOutcome.ScenarioInfo("region-loss", Optional.of(Path.of("scenarios", "region-loss.yaml")),
                Optional.empty(), "AWS Tokyo", "lose a region"))
            .topology("multi-region").backend("local").weakness("ack-before-replication")
            .startedAt(Instant.parse("2026-11-26T10:00:00.123456Z")).finishedAt(Instant.parse("2026-11-26T10:01:30Z"))
            .findings(List.of(
                new Finding(Verdict.INCONCLUSIVE, Finding.LOAD, "the load generator fell behind"),
                new Finding(Verdict.FAIL, "no-lost-acked-orders", "invariant [no-lost-acked-orders] 3 of 90 lost")))
            .budgets(List.of(new RunOutcome.BudgetResult("p99(place) during recovery ≤ 6 s", Phase.RECOVERY, 6_000,
                Optional.empty(), "ms", Verdict.INCONCLUSIVE, "no place operations started during recovery")))
            .invariants(List.of(new RunOutcome.InvariantResult(Invariant.NO_LOST_ACKED_ORDERS, Verdict.FAIL, 3,
                List.of("c-1"), "3 of 90 lost")))
            .latency(Map.of(Phase.OVERALL, new RunOutcome.LatencySummary(90, Duration.ofNanos(1_234_567_000L),
                Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(4), Duration.ofMillis(5)),
                Phase.BASELINE, new RunOutcome.LatencySummary(10, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO)))
            .recovery(new RunOutcome.Recovery(Optional.of(Duration.ofMillis(8_250)), "slowest recovery 8.2 s"))
            .faults(List.of(new RunOutcome.FaultWindow("lose r1", "kill", "region r1", Instant.parse("2026-11-26T10:00:25Z"),
                Optional.empty(), Duration.ofMillis(20_004), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(20)))))
            .phases(List.of(new RunOutcome.PhaseWindow(Phase.FAULT, Duration.ofSeconds(20), Duration.ofMillis(45_500))))
            .perSecond(List.of(new RunOutcome.SecondStats(0, 10, 9, 1, Duration.ofNanos(12_345_000), Duration.ofMillis(99))))
            .load(new RunOutcome.LoadQuality(100, 99, Duration.ofNanos(1_500_000), Duration.ofMillis(7), false,
                "behind", OptionalLong.empty(), Optional.empty()))
            .notes(List.of(new RunOutcome.Note(Instant.parse("2026-11-26T10:00:40.500Z"), "alice", "r2 leads")))
            .build();

        // WHEN it is written as report.json
        ObjectNode report = ReportJson.of(outcome).toTree();

        // THEN every contract name holds its value in report.json's units, worst reason first, absent values null
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("startedAt").asText()).isEqualTo("2026-11-26T10:00:00.123456Z");
        assertThat(report.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(report.get("reasons").toString()).isEqualTo("[\"FAIL: invariant [no-lost-acked-orders] 3 of 90 lost\","
            + "\"INCONCLUSIVE: the load generator fell behind\"]");
        assertThat(report.at("/scenario/file").asText()).isEqualTo(Path.of("scenarios", "region-loss.yaml").toString());
        assertThat(report.at("/scenario/sha256").isNull()).isTrue();
        assertThat(report.at("/budgets/0/phase").asText()).isEqualTo("recovery");
        assertThat(report.at("/budgets/0/observed").isNull()).isTrue();
        assertThat(report.at("/invariants/0/name").asText()).isEqualTo("no-lost-acked-orders");
        assertThat(report.get("latency").fieldNames()).toIterable().containsExactly("baseline", "overall");
        assertThat(report.at("/latency/overall/p50").asDouble()).isEqualTo(1_234.567);
        assertThat(report.at("/recovery/seconds").asDouble()).isEqualTo(8.25);
        assertThat(report.at("/faults/0/startSecond").asDouble()).isEqualTo(20.004);
        assertThat(report.at("/faults/0/dueSecond").asDouble()).isEqualTo(20.0);
        assertThat(report.at("/faults/0/healedAt").isNull()).isTrue();
        assertThat(report.at("/faults/0/endSecond").isNull()).isTrue();
        assertThat(report.at("/phases/0").toString()).isEqualTo("{\"phase\":\"fault\",\"startSecond\":20.0,\"endSecond\":45.5}");
        assertThat(report.at("/perSecond/0/p50").asDouble()).isEqualTo(12.345);
        assertThat(report.at("/load/lagP99Millis").asDouble()).isEqualTo(1.5);
        assertThat(report.get("load").has("canarySamples")).as("left out without a canary").isFalse();
        assertThat(report.at("/steadyState/before").isNull()).isTrue();
        assertThat(report.at("/notes/0/at").asText()).isEqualTo("2026-11-26T10:00:40.500Z");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void a_report_read_back_is_the_domain_outcome_it_was_written_from(Fixture f) {
        RunOutcome outcome = f.outcome().toOutcome();

        assertThat(ReportJson.of(outcome)).isEqualTo(f.outcome());
        assertThat(outcome.verdict()).isEqualTo(f.outcome().verdict());
        assertThat(outcome.findings()).allSatisfy(finding -> assertThat(finding.check())
            .isIn(Finding.RUN, "no-lost-acked-orders"));
        if (f == Fixture.FAIL) {
            assertThat(outcome.findings()).extracting(Finding::check).contains("no-lost-acked-orders");
        }
    }

    @Test
    void the_report_says_which_adapter_ran_and_a_1_2_report_reads_as_not_saying() throws Exception {
        // GIVEN a run driven through a plugin's adapter
        RunOutcome run = Fixture.PASS.outcome().toOutcome().toBuilder()
            .adapter(new io.exchangechaos.core.adapter.AdapterInfo("acme", "1.4.2", "/opt/plugins/acme.jar")).build();

        // WHEN its report.json is written
        new JsonReportWriter().write(ReportJson.of(run), tmp);

        // THEN it names the adapter, its version and its jar, valid against the schema, and reads back as written
        JsonNode report = ReportJson.mapper().readTree(tmp.resolve("report.json").toFile());
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.at("/adapter/name").asText()).isEqualTo("acme");
        assertThat(report.at("/adapter/version").asText()).isEqualTo("1.4.2");
        assertThat(report.at("/adapter/jar").asText()).isEqualTo("/opt/plugins/acme.jar");
        assertThat(ReportJson.parse(Files.readString(tmp.resolve("report.json"))).toOutcome().adapter())
            .contains(new io.exchangechaos.core.adapter.AdapterInfo("acme", "1.4.2", "/opt/plugins/acme.jar"));

        // AND a report of schema 1.2 says nothing of it
        ObjectNode old = Fixture.PASS.outcome().toTree();
        old.put("schemaVersion", "1.2");
        old.remove("adapter");
        assertThat(ReportJson.parse(ReportJson.pretty(old)).toOutcome().adapter()).isEmpty();
    }
}
