package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.json.JsonReportWriter;
import io.exchangechaos.report.json.ReportJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness's own outcome of each recorded run (its report.json) agrees with what its history says, counted again,
 * and with what the reports module writes from it: drift between harness-core and reports shows up here.
 */
class HarnessAgreementTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void orders_counted_from_the_history_are_the_ones_the_harness_reported(Fixture f) {
        Recount r = new Recount(f);

        assertThat(f.outcome().orders()).isEqualTo(r.orders());
        assertThat(r.places()).as("the history holds places").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void every_lost_order_was_an_acknowledged_place_in_the_history(Fixture f) {
        ReportJson o = f.outcome();
        Map<String, Operation> places = f.history().stream().filter(Operation::isPlace)
            .collect(Collectors.toMap(Operation::clientOrderId, Function.identity(), (a, b) -> a));
        ReportJson.InvariantResult lost = o.invariants().stream().filter(i -> i.name().equals("no-lost-acked-orders"))
            .findFirst().orElseThrow();

        assertThat(lost.violations()).isEqualTo(o.orders().lost());
        assertThat(lost.examples()).hasSize((int) Math.min(o.orders().lost(), 10));
        for (String example : lost.examples()) {
            String id = example.substring(0, example.indexOf(' '));
            assertThat(places).as("lost order %s in the history", id).containsKey(id);
            assertThat(places.get(id).answer()).as("lost order %s was acknowledged", id).isEqualTo(Answer.Kind.ACKNOWLEDGED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void latencies_seconds_recovery_and_budgets_recomputed_from_the_history_match(Fixture f) {
        Recount r = new Recount(f);
        ReportJson o = f.outcome();

        assertThat(o.latency()).isEqualTo(r.latency());
        assertThat(o.perSecond()).isEqualTo(r.perSecond());
        assertThat(o.recovery()).isEqualTo(r.recovery());
        assertThat(o.budgets()).isEqualTo(r.budgets());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void the_verdict_is_the_merge_of_every_budget_and_invariant(Fixture f) {
        ReportJson o = f.outcome();
        List<Verdict> all = new ArrayList<>();
        new Recount(f).budgets().forEach(b -> all.add(b.verdict()));
        o.invariants().forEach(i -> all.add(i.verdict()));

        assertThat(o.verdict()).isEqualTo(Verdict.merge(all));
        assertThat(o.verdict()).isEqualTo(f == Fixture.FAIL ? Verdict.FAIL : Verdict.PASS);
        assertThat(o.load().trustworthy()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.exchangechaos.report.Fixture#both")
    void report_json_written_again_from_the_outcome_is_the_one_the_harness_wrote(Fixture f) throws Exception {
        // read back as the domain outcome and written again through the one mapping: not a byte lost or changed
        new JsonReportWriter().write(f.outcome().toOutcome(), tmp);

        JsonNode again = ReportJson.mapper().readTree(tmp.resolve("report.json").toFile());
        JsonNode saved = ReportJson.mapper().readTree(f.dir().resolve("report.json").toFile());

        assertThat(again).isEqualTo(saved);
    }
}
