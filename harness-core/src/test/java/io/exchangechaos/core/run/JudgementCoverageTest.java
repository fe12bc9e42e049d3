package io.exchangechaos.core.run;

import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.LookUpOnlyAdapter;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.StagedRestAdapter;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invariant that was not checked never makes a run pass; one this exchange cannot show does not make it fail either. */
class JudgementCoverageTest {
    @TempDir
    Path out;

    private RunContext context(ExchangeAdapter adapter) throws IOException {
        Scenario scenario = Scenario.named("judged").on(Topologies.MULTI_REGION)
            .load(openLoad().rate(10).perSecond().during(ofSeconds(10))).build();
        RunOptions options = RunOptions.defaults().withOutRoot(out);
        RunContext ctx = new RunContext(options, new RunAbort(options.progress()), null, scenario, null,
            Instant.parse("2026-01-01T00:00:00Z"), adapter);
        Workspace.open(ctx);
        return ctx;
    }

    private static Operation acked(String id) {
        return new Operation(0, "place", id, 1, "BTC-USD", "BUY", "LIMIT", 50_000, 1, "http://127.0.1.11:8080", 1,
            0, 1_000, 0, 0, Outcome.OK, Answer.Kind.ACKNOWLEDGED, "NEW", "200 ACCEPTED");
    }

    private static Optional<OrderRecord> held(String id) {
        return Optional.of(new OrderRecord(id, 1, "BTC-USD", "BUY", 1, 0, "NEW", true, false));
    }

    @Test
    void noReplicaAnsweringLeavesTheRunInconclusiveAndTheInvariantsNotChecked() throws IOException {
        Reconciliation nobody = new Reconciliation(List.of(), Map.of("http://127.0.1.20:9090", "connection refused"),
            Map.of(), Map.of(), null);

        RunOutcome o = Judgement.judge(context(new StagedRestAdapter()), List.of(acked("a")), nobody);

        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.invariants()).filteredOn(i -> i.verdict() == Verdict.PASS).extracting(RunOutcome.InvariantResult::name)
            .containsExactly("indeterminate-resolved");
        assertThat(o.invariant(io.exchangechaos.core.scenario.Invariant.NO_DUPLICATE_ORDERS).orElseThrow().checked()).isFalse();
    }

    @Test
    void aLookUpOnlyAdapterPassesOnWhatItCanObserveAndListsTheRestAsNotChecked() throws IOException {
        Reconciliation looked = new Reconciliation(List.of(), Map.of(), Map.of(), Map.of("a", held("a"), "b", held("b")), null);

        RunOutcome o = Judgement.judge(context(new LookUpOnlyAdapter()), List.of(acked("a"), acked("b")), looked);

        assertThat(o.verdict()).isEqualTo(Verdict.PASS);
        assertThat(o.invariants()).filteredOn(RunOutcome.InvariantResult::checked)
            .extracting(RunOutcome.InvariantResult::name, RunOutcome.InvariantResult::verdict)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("no-lost-acked-orders", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("indeterminate-resolved", Verdict.PASS));
        assertThat(o.invariants()).filteredOn(i -> !i.checked()).hasSize(4)
            .allSatisfy(i -> assertThat(i.verdict()).isNotEqualTo(Verdict.PASS));
    }

    @Test
    void anAcknowledgedOrderTheExchangeDoesNotHaveFailsTheRunAndIsCountedLost() throws IOException {
        Reconciliation looked = new Reconciliation(List.of(), Map.of(), Map.of(), Map.of("a", held("a"), "b", Optional.empty()),
            null);

        RunOutcome o = Judgement.judge(context(new LookUpOnlyAdapter()), List.of(acked("a"), acked("b")), looked);

        assertThat(o.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(o.orders().lost()).isEqualTo(1);
    }

    @Test
    void lookUpsCutShortAreInconclusiveNotPassed() throws IOException {
        Reconciliation cut = new Reconciliation(List.of(), Map.of(), Map.of(), Map.of("a", held("a")),
            "the look-ups stopped after 60 s");

        RunOutcome o = Judgement.judge(context(new LookUpOnlyAdapter()), List.of(acked("a"), acked("b")), cut);

        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.orders().lost()).isZero();
    }
}
