package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** No client order id became two orders, and no order traded more than once per its quantity. */
public final class DuplicateOrdersChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.NO_DUPLICATE_ORDERS;
    }

    @Override
    public Needs needs() {
        return Needs.allOf(Capability.LIST_ORDERS, Capability.ATTRIBUTION);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        if (ctx.replicas().isEmpty()) {
            return Checkers.noReplicas(invariant(), ctx);
        }
        List<String> dups = new ArrayList<>();
        for (ReplicaState r : ctx.replicas()) {
            Map<String, Integer> seen = new HashMap<>();
            r.orders().forEach(o -> seen.merge(o.clientOrderId(), 1, Integer::sum));
            seen.forEach((id, n) -> {
                if (n > 1) {
                    dups.add(id + " appears " + n + " times on " + r.replica());
                }
            });
        }
        return Checkers.result(invariant(), dups, "every client order id is one order on every replica",
            dups.size() + " client order ids became more than one order").checkedBy("client order ids counted in the order"
            + " listing of " + Checkers.replicas(ctx.replicas().size()) + " ("
            + ctx.replicas().stream().mapToInt(r -> r.orders().size()).sum() + " orders)");
    }
}
