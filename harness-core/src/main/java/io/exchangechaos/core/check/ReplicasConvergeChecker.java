package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replicas that applied the same log hold the same state. */
public final class ReplicasConvergeChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.REPLICAS_CONVERGE;
    }

    @Override
    public Needs needs() {
        return Needs.allOf(Capability.REPLICA_STATE);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        if (ctx.replicas().isEmpty()) {
            return Checkers.noReplicas(invariant(), ctx);
        }
        if (ctx.replicas().size() == 1 && ctx.unreachable().isEmpty()) {
            return RunOutcome.InvariantResult.notApplicable(invariant(), "one service holds the state ("
                + ctx.replicas().get(0).replica() + "), so there are no replicas to compare");
        }
        String how = "digest and applied index of " + Checkers.replicas(ctx.replicas().size()) + " compared";
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        for (ReplicaState r : ctx.replicas()) {
            byDigest.computeIfAbsent(r.digest() + " @" + r.appliedIndex(), d -> new ArrayList<>()).add(r.replica());
        }
        if (byDigest.size() == 1) {
            String detail = ctx.replicas().size() + " replicas agree on digest " + byDigest.keySet().iterator().next();
            if (!ctx.unreachable().isEmpty()) {
                return new RunOutcome.InvariantResult(invariant(), Verdict.INCONCLUSIVE, 0, List.of(),
                    detail + ", but " + ctx.unreachable() + " could not be read").checkedBy(how);
            }
            return new RunOutcome.InvariantResult(invariant(), Verdict.PASS, 0, List.of(), detail).checkedBy(how);
        }
        List<String> groups = new ArrayList<>();
        byDigest.forEach((d, rs) -> groups.add(rs + " → " + d));
        return new RunOutcome.InvariantResult(invariant(), Verdict.FAIL, byDigest.size() - 1L, groups,
            "replicas disagree: " + byDigest.size() + " different states").checkedBy(how);
    }
}
