package io.exchangechaos.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LostAckedOrdersTest {

    private static Operation acked(String id) {
        return new Operation(0, "place", id, 1, "BTC-USD", "BUY", "LIMIT", 50_000, 1, "http://127.0.1.11:8080", 1,
            0, 0, 0, 0, io.exchangechaos.core.history.Outcome.OK, Answer.Kind.ACKNOWLEDGED, "NEW", "200 ACCEPTED");
    }

    private static ReplicaState replica(String name, String... ids) {
        return new ReplicaState(name, 1, "d", Arrays.stream(ids)
            .map(id -> new OrderRecord(id, 1, "BTC-USD", "BUY", 1, 0, "NEW", true, false)).toList(), List.of(), Map.of());
    }

    private static RunOutcome.InvariantResult check(List<ReplicaState> replicas) {
        CheckContext ctx = new CheckContext(List.of(acked("a"), acked("b")), replicas, Map.of(), Map.of(), Map.of());
        return Checkers.check(List.of(Invariant.NO_LOST_ACKED_ORDERS), ctx).get(0);
    }

    @Test
    void anOrderOnEveryReplicaIsKept() {
        assertThat(check(List.of(replica("r1", "a", "b"), replica("r2", "a", "b"), replica("r3", "a", "b"))).verdict())
            .isEqualTo(Verdict.PASS);
    }

    @Test
    void anOrderMissingOnlyOnAReplicaStillCatchingUpIsNotLost() {
        RunOutcome.InvariantResult r = check(List.of(replica("r1", "a", "b"), replica("r2", "a"), replica("r3", "a", "b")));

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.detail()).contains("1 not yet on a replica that is still catching up");
    }

    @Test
    void anOrderHeldByNoMajorityIsLostAndNamed() {
        RunOutcome.InvariantResult r = check(List.of(replica("r1", "a", "b"), replica("r2", "a"), replica("r3", "a")));

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.violations()).isEqualTo(1);
        assertThat(r.examples()).singleElement().asString().startsWith("b (acked by").contains("missing on [r2, r3]");
    }

    @Test
    void anOrderNoReplicaHasIsLost() {
        assertThat(check(List.of(replica("r1", "a"), replica("r2", "a"), replica("r3", "a"))).violations()).isEqualTo(1);
    }
}
