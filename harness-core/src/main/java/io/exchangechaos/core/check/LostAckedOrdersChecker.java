package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every order the exchange acknowledged is on a majority of the replicas that answered: a committed entry
 * survives on a majority, so an order held by fewer is gone. One missing only on a replica still catching up
 * is not lost; replicas-converge names that replica. Through an adapter that cannot list orders (or on a topology
 * with no service to list), every acknowledged order is looked up by its client order id instead: one the exchange
 * says it does not have is lost.
 */
public final class LostAckedOrdersChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.NO_LOST_ACKED_ORDERS;
    }

    /** A listing shows on how many replicas each order is; look-ups alone show whether the exchange still has it. */
    @Override
    public Needs needs() {
        return Needs.allOf(Capability.LIST_ORDERS, Capability.ATTRIBUTION).or(Capability.LOOKUP_BY_CLIENT_ID);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        boolean noStateSource = ctx.replicas().isEmpty() && ctx.unreachable().isEmpty();
        if (!(ctx.can(Capability.LIST_ORDERS) && ctx.can(Capability.ATTRIBUTION))
                || noStateSource && ctx.can(Capability.LOOKUP_BY_CLIENT_ID)) {
            return byLookUps(ctx);
        }
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
            + " acknowledged orders are missing from a majority of the replicas")
            .checkedBy("each acknowledged order looked for in the order listing of " + Checkers.replicas(replicas.size()));
    }

    /** Every acknowledged order looked up by its client order id: one the exchange says it does not have is lost. */
    private RunOutcome.InvariantResult byLookUps(CheckContext ctx) {
        List<String> lost = new ArrayList<>();
        long acked = 0;
        long notLookedUp = 0;
        for (Operation op : ctx.history()) {
            if (!op.isPlace() || op.answer() != Answer.Kind.ACKNOWLEDGED) {
                continue;
            }
            acked++;
            Optional<OrderRecord> found = ctx.lookedUp().get(op.clientOrderId());
            if (found == null) {
                notLookedUp++;
            } else if (found.isEmpty()) {
                lost.add(op.clientOrderId() + " (acked by " + op.entrypoint() + ", the exchange has no such order)");
            }
        }
        String how = "per-order look-up of " + (acked - notLookedUp) + " of " + acked + " acknowledged orders by client order id";
        if (lost.isEmpty() && notLookedUp > 0) {
            return new RunOutcome.InvariantResult(invariant(), Verdict.INCONCLUSIVE, notLookedUp, List.of(),
                notLookedUp + " of " + acked + " acknowledged orders could not be looked up"
                    + (ctx.lookUpsCut() == null ? "" : " (" + ctx.lookUpsCut() + ")") + "; none of the others is lost")
                .checkedBy(how);
        }
        return Checkers.result(invariant(), lost, "all " + acked + " acknowledged orders are on the exchange",
            lost.size() + " of " + acked + " acknowledged orders are not on the exchange").checkedBy(how);
    }
}
