package io.exchangechaos.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.adapter.StagedRestAdapter;
import io.exchangechaos.core.adapter.TradeRecord;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.RunOutcome.Coverage;
import io.exchangechaos.core.verdict.Verdict;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each checker is asked only when the adapter can observe what it needs, says how it checked, and never passes unseen. */
class CapabilitiesTest {
    private static final Set<Capability> LOOK_UP = Set.of(Capability.LOOKUP_BY_CLIENT_ID);
    private static final Set<Capability> ALL = EnumSet.allOf(Capability.class);

    private static Operation acked(String id) {
        return new Operation(0, "place", id, 1, "BTC-USD", "BUY", "LIMIT", 50_000, 1, "http://127.0.1.11:8080", 1,
            0, 0, 0, 0, Outcome.OK, Answer.Kind.ACKNOWLEDGED, "NEW", "200 ACCEPTED");
    }

    private static OrderRecord order(String id, long filled) {
        return new OrderRecord(id, 1, "BTC-USD", "BUY", 1, filled, "NEW", true, false);
    }

    private static CheckContext context(Set<Capability> can, List<ReplicaState> replicas, Map<String, String> unreachable,
                                        Map<String, Optional<OrderRecord>> lookedUp) {
        return new CheckContext(List.of(acked("a"), acked("b")), replicas, Map.of("USD", 100L), Map.of(), unreachable,
            "plain", can, lookedUp, null);
    }

    private static RunOutcome.InvariantResult check(Invariant invariant, CheckContext ctx) {
        return Checkers.check(List.of(invariant), ctx).get(0);
    }

    @Test
    void theStagedAdapterCanObserveEveryBuiltInInvariant() {
        Set<Capability> staged = new StagedRestAdapter().capabilities();

        assertThat(staged).containsExactlyInAnyOrder(Capability.values());
        assertThat(Checkers.all()).allSatisfy(c -> assertThat(c.needs().metBy(staged)).as(c.invariant().id()).isTrue());
    }

    @Test
    void whatALookUpOnlyAdapterCannotObserveIsNotApplicableNamingTheMissingCapability() {
        // GIVEN an adapter that can only look orders up, and a listing that (wrongly) shows a duplicate and no trades
        ReplicaState r = new ReplicaState("r1", 1, "d", List.of(order("a", 1), order("a", 0), order("b", 0)), List.of(),
            Map.of());
        CheckContext ctx = context(LOOK_UP, List.of(r), Map.of(),
            Map.of("a", Optional.of(order("a", 1)), "b", Optional.of(order("b", 0))));

        // WHEN every built-in invariant is checked, as when a scenario names none
        List<RunOutcome.InvariantResult> results = Checkers.check(Invariant.BUILT_IN, ctx);

        // THEN those needing a listing, trades, balances or replica digests are not applicable, never PASS nor FAIL
        assertThat(results).filteredOn(i -> !i.checked()).extracting(RunOutcome.InvariantResult::name).containsExactly(
            "no-duplicate-orders", "fills-within-quantity", "balances-conserved", "replicas-converge");
        assertThat(results).filteredOn(i -> !i.checked()).allSatisfy(i -> {
            assertThat(i.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(i.coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
            assertThat(i.counts()).isFalse();
        });
        assertThat(results.get(1).detail()).isEqualTo("adapter [plain] cannot list every order it holds or attribute each"
            + " listed order to the client's order id (needs LIST_ORDERS and ATTRIBUTION)");
        assertThat(results.get(2).detail()).isEqualTo("adapter [plain] cannot list every order it holds or attribute each"
            + " listed order to the client's order id or list the trades (needs LIST_ORDERS and ATTRIBUTION and TRADES)");
        // AND lost acknowledged orders are checked by looking each one up
        assertThat(results.get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(results.get(0).checkedBy()).isEqualTo("per-order look-up of 2 of 2 acknowledged orders by client order id");
    }

    @Test
    void anAcknowledgedOrderTheExchangeSaysItDoesNotHaveIsLostByLookUpAlone() {
        Map<String, Optional<OrderRecord>> lookedUp = Map.of("a", Optional.of(order("a", 0)), "b", Optional.empty());

        RunOutcome.InvariantResult r = check(Invariant.NO_LOST_ACKED_ORDERS, context(LOOK_UP, List.of(), Map.of(), lookedUp));

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.examples()).singleElement().asString().startsWith("b (acked by");
    }

    @Test
    void withoutAnyServiceToListEvenAListingAdapterLooksEachAcknowledgedOrderUp() {
        Map<String, Optional<OrderRecord>> lookedUp = Map.of("a", Optional.of(order("a", 0)), "b", Optional.empty());

        RunOutcome.InvariantResult r = check(Invariant.NO_LOST_ACKED_ORDERS, context(ALL, List.of(), Map.of(), lookedUp));

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.checkedBy()).startsWith("per-order look-up of 2 of 2");
    }

    @Test
    void lookUpsThatDidNotFinishAreInconclusiveNotPassed() {
        Map<String, Optional<OrderRecord>> lookedUp = new HashMap<>(Map.of("a", Optional.of(order("a", 0))));

        RunOutcome.InvariantResult r = check(Invariant.NO_LOST_ACKED_ORDERS, new CheckContext(List.of(acked("a"), acked("b")),
            List.of(), Map.of(), Map.of(), Map.of(), "plain", LOOK_UP, lookedUp, "the look-ups stopped after 60 s"));

        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.detail()).isEqualTo("1 of 2 acknowledged orders could not be looked up (the look-ups stopped after 60 s);"
            + " none of the others is lost");
    }

    @Test
    void aListingWithAttributionFindsDuplicatesAndSaysHow() {
        ReplicaState r = new ReplicaState("r1", 1, "d", List.of(order("a", 0), order("a", 0), order("b", 0)), List.of(),
            Map.of());

        RunOutcome.InvariantResult dup = check(Invariant.NO_DUPLICATE_ORDERS, context(ALL, List.of(r), Map.of(), Map.of()));

        assertThat(dup.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(dup.checkedBy()).isEqualTo("client order ids counted in the order listing of 1 replica (3 orders)");
    }

    @Test
    void noStateSourceAtAllIsNotApplicableAndNoReplicaAnsweringIsNotChecked() {
        // a topology without a service holding state: "no replica's state could be read: {}" was the message
        RunOutcome.InvariantResult none = check(Invariant.BALANCES_CONSERVED, context(ALL, List.of(), Map.of(), Map.of()));
        RunOutcome.InvariantResult down = check(Invariant.BALANCES_CONSERVED,
            context(ALL, List.of(), Map.of("http://127.0.1.20:9090", "connection refused"), Map.of()));

        assertThat(none.coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
        assertThat(none.detail()).doesNotContain("{}").contains("no kind: engine service");
        assertThat(down.coverage()).isEqualTo(Coverage.NOT_CHECKED);
        assertThat(down.counts()).isTrue();
        assertThat(down.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void oneStateSourceHasNoReplicasToCompareSoConvergenceIsNotApplicableNeverPassed() {
        ReplicaState one = new ReplicaState("engine", 7, "d1", List.of(), List.of(), Map.of());
        ReplicaState other = new ReplicaState("engine-2", 7, "d1", List.of(), List.of(), Map.of());

        RunOutcome.InvariantResult single = check(Invariant.REPLICAS_CONVERGE, context(ALL, List.of(one), Map.of(), Map.of()));
        RunOutcome.InvariantResult two = check(Invariant.REPLICAS_CONVERGE,
            context(ALL, List.of(one, other), Map.of(), Map.of()));

        assertThat(single.coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
        assertThat(single.verdict()).isNotEqualTo(Verdict.PASS);
        assertThat(two.verdict()).isEqualTo(Verdict.PASS);
        assertThat(two.checkedBy()).isEqualTo("digest and applied index of 2 replicas compared");
    }

    @Test
    void fillsAreCheckedAgainstTradesOnlyWhenTheAdapterListsThem() {
        ReplicaState filledNoTrades = new ReplicaState("r1", 1, "d", List.of(order("a", 1), order("b", 1)), List.of(),
            Map.of());
        Set<Capability> noTrades = EnumSet.complementOf(EnumSet.of(Capability.TRADES));
        ReplicaState traded = new ReplicaState("r1", 1, "d", List.of(order("a", 1), order("b", 1)),
            List.of(new TradeRecord("t1", "BTC-USD", 50_000, 1, "a", "b")), Map.of());

        RunOutcome.InvariantResult without = check(Invariant.FILLS_WITHIN_QUANTITY,
            context(noTrades, List.of(filledNoTrades), Map.of(), Map.of()));
        RunOutcome.InvariantResult with = check(Invariant.FILLS_WITHIN_QUANTITY, context(ALL, List.of(traded), Map.of(), Map.of()));

        // no trades to give is not two orders filled without trades (the false FAIL)
        assertThat(without.coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
        assertThat(without.verdict()).isNotEqualTo(Verdict.FAIL);
        assertThat(with.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aResultThatWasNotCheckedCannotPass() {
        assertThatThrownBy(() -> new RunOutcome.InvariantResult(Invariant.NO_DUPLICATE_ORDERS, Verdict.PASS, 0, List.of(),
            "looks fine", Coverage.NOT_CHECKED, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("invariant [no-duplicate-orders] was not checked, so it cannot PASS");
    }

    @Test
    void needsReadAsTheyAreMet() {
        Needs lost = Needs.allOf(Capability.LIST_ORDERS, Capability.ATTRIBUTION).or(Capability.LOOKUP_BY_CLIENT_ID);

        assertThat(lost).hasToString("LIST_ORDERS and ATTRIBUTION, or LOOKUP_BY_CLIENT_ID");
        assertThat(lost.metBy(LOOK_UP)).isTrue();
        assertThat(lost.metBy(Set.of(Capability.LIST_ORDERS))).isFalse();
        assertThat(lost.firstMetBy(ALL)).containsExactlyInAnyOrder(Capability.LIST_ORDERS, Capability.ATTRIBUTION);
        assertThat(Needs.NOTHING.metBy(Set.of())).isTrue();
    }
}
