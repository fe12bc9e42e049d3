package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report says how each invariant was checked, and lists one that was not as NOT CHECKED, never as passed. */
class NotCheckedTest {
    @TempDir
    Path tmp;

    private static RunOutcome withCoverage() {
        RunOutcome pass = Fixture.PASS.outcome().toOutcome();
        return pass.toBuilder().invariants(List.of(
            new RunOutcome.InvariantResult(Invariant.NO_LOST_ACKED_ORDERS, Verdict.PASS, 0, List.of(),
                "all 2017 acknowledged orders are on the exchange")
                .checkedBy("per-order look-up of 2017 of 2017 acknowledged orders by client order id"),
            RunOutcome.InvariantResult.notApplicable(Invariant.NO_DUPLICATE_ORDERS, "adapter [look-up-only] cannot list"
                + " every order it holds or attribute each listed order to the client's order id (needs LIST_ORDERS and"
                + " ATTRIBUTION)"),
            RunOutcome.InvariantResult.notChecked(Invariant.BALANCES_CONSERVED,
                "no replica's state could be read: {http://127.0.1.20:9090=connection refused}"))).build();
    }

    @Test
    void reportJsonSaysHowEachWasCheckedAndWhichWereNot() throws Exception {
        Path run = Fixture.PASS.runDir(tmp);
        Reports.writeAll(withCoverage(), run);

        JsonNode report = ReportJson.mapper().readTree(run.resolve("report.json").toFile());
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("schemaVersion").asText()).isEqualTo("1.3");
        assertThat(report.at("/invariants/0/coverage").asText()).isEqualTo("checked");
        assertThat(report.at("/invariants/0/checkedBy").asText()).startsWith("per-order look-up of 2017");
        assertThat(report.at("/invariants/1/coverage").asText()).isEqualTo("not-applicable");
        assertThat(report.at("/invariants/1/verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(report.at("/invariants/1/checkedBy").isNull()).isTrue();
        assertThat(report.at("/invariants/2/coverage").asText()).isEqualTo("not-checked");
        // read back, nothing not checked turns into a check
        RunOutcome back = ReportJson.read(run.resolve("report.json")).toOutcome();
        assertThat(back.invariants()).extracting(RunOutcome.InvariantResult::coverage).containsExactly(
            RunOutcome.Coverage.CHECKED, RunOutcome.Coverage.NOT_APPLICABLE, RunOutcome.Coverage.NOT_CHECKED);
    }

    @Test
    void summaryHtmlAndJunitListWhatWasNotChecked() throws Exception {
        Path run = Fixture.PASS.runDir(tmp);
        Reports.writeAll(withCoverage(), run);

        String md = Files.readString(run.resolve("summary.md"));
        assertThat(md).contains("| no-lost-acked-orders | 0 | ✅ PASS | per-order look-up of 2017 of 2017 acknowledged orders"
            + " by client order id |");
        assertThat(md).contains("| no-duplicate-orders | — | ➖ NOT CHECKED | adapter \\[look-up-only\\] cannot list");
        assertThat(md).contains("**Not checked:** no-duplicate-orders, balances-conserved (never counted as passed)");
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains("<td class=\"verdict v-INCONCLUSIVE not-checked\">NOT CHECKED</td><td>no-duplicate-orders</td>");
        assertThat(html).contains("Not checked (never counted as passed): no-duplicate-orders, balances-conserved");
        String junit = Files.readString(run.resolve("junit.xml"));
        assertThat(junit).contains("skipped=\"1\"");
        assertThat(junit).contains("<testcase name=\"invariant: no-duplicate-orders\" classname=\"region-loss\" time=\"0\">\n"
            + "    <skipped message=\"Invariant [no-duplicate-orders] not checked: adapter [look-up-only]");
        assertThat(junit).contains("<testcase name=\"invariant: balances-conserved\" classname=\"region-loss\" time=\"0\">\n"
            + "    <error message=\"Invariant [balances-conserved] not checked: no replica");
    }
}
