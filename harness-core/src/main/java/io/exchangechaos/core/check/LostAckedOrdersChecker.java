package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every order the exchange acknowledged is on a majority of the replicas that answered: a committed entry
 * survives on a majority, so an order held by fewer is gone. One missing only on a replica still catching up
 * is not lost; replicas-converge names that replica.
 */
public final class LostAckedOrdersChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.NO_LOST_ACKED_ORDERS;
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        if (ctx.replicas().isEmpty()) {
            return Checkers.noReplicas(invariant(), ctx);
        }
        List<Map<String, OrderRecord>> replicas = ctx.replicas().stream().map(Checkers::byId).toList();
        List<String> lost = new ArrayList<>();
        long acked = 0;
        long lagging = 0;
        for (Operation op : ctx.history()) {
            if (!op.isPlace() || op.answer() != Answer.Kind.ACKNOWLEDGED) {
                continue;
            }
            acked++;
            List<String> missingOn = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                if (!replicas.get(i).containsKey(op.clientOrderId())) {
                    missingOn.add(ctx.replicas().get(i).replica());
                }
            }
            if (!missingOn.isEmpty()) {
                lagging++;
            }
            int holding = replicas.size() - missingOn.size();
            if (holding * 2 <= replicas.size()) {
                lost.add(op.clientOrderId() + " (acked by " + op.entrypoint() + ", missing on " + missingOn + ")");
            }
        }
        String ok = lagging == 0
            ? "all " + acked + " acknowledged orders are on all " + replicas.size() + " replicas"
            : "all " + acked + " acknowledged orders are on a majority of the " + replicas.size() + " replicas ("
                + lagging + " not yet on a replica that is still catching up)";
        return Checkers.result(invariant(), lost, ok, lost.size() + " of " + acked
            + " acknowledged orders are missing from a majority of the replicas");
    }
}
