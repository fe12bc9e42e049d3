package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every asset's total over all accounts, fees and holds included, is what it was before the load. */
public final class BalancesConservedChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.BALANCES_CONSERVED;
    }

    @Override
    public Needs needs() {
        return Needs.allOf(Capability.BALANCES);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        if (ctx.replicas().isEmpty()) {
            return Checkers.noReplicas(invariant(), ctx);
        }
        if (ctx.totalsBefore().isEmpty()) {
            return RunOutcome.InvariantResult.notChecked(invariant(), "the totals before the load could not be read, so"
                + " there is nothing to compare the totals after it with");
        }
        List<String> bad = new ArrayList<>();
        for (ReplicaState r : ctx.replicas()) {
            Map<String, Long> after = new TreeMap<>(r.totals());
            ctx.totalsBefore().forEach((asset, before) -> {
                long now = after.getOrDefault(asset, 0L);
                if (now != before) {
                    bad.add(asset + " on " + r.replica() + ": " + before + " before, " + now + " after ("
                        + (now - before > 0 ? "+" : "") + (now - before) + ")");
                }
            });
        }
        return Checkers.result(invariant(), bad, "every asset's total is unchanged on every replica: " + ctx.totalsBefore(),
            "asset totals changed").checkedBy("each asset's total over every account before the load against after it, on "
            + Checkers.replicas(ctx.replicas().size()));
    }
}
