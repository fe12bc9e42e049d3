package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.adapter.TradeRecord;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills never exceed quantity, trades add up to each order's filled quantity, and every trade has both sides. */
public final class FillsWithinQuantityChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.FILLS_WITHIN_QUANTITY;
    }

    @Override
    public Needs needs() {
        return Needs.allOf(Capability.LIST_ORDERS, Capability.ATTRIBUTION, Capability.TRADES);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        if (ctx.replicas().isEmpty()) {
            return Checkers.noReplicas(invariant(), ctx);
        }
        ReplicaState r = ctx.replicas().get(0);
        Map<String, OrderRecord> orders = Checkers.byId(r);
        Map<String, Long> traded = new HashMap<>();
        List<String> bad = new ArrayList<>();
        for (TradeRecord t : r.trades()) {
            if (!orders.containsKey(t.buyClientOrderId()) || !orders.containsKey(t.sellClientOrderId())) {
                bad.add("trade " + t.tradeId() + " has a side that is not an order (" + t.buyClientOrderId() + " / "
                    + t.sellClientOrderId() + ")");
            }
            traded.merge(t.buyClientOrderId(), t.quantity(), Long::sum);
            traded.merge(t.sellClientOrderId(), t.quantity(), Long::sum);
        }
        for (OrderRecord o : r.orders()) {
            long sum = traded.getOrDefault(o.clientOrderId(), 0L);
            if (o.filled() > o.quantity()) {
                bad.add(o.clientOrderId() + " filled " + o.filled() + " of quantity " + o.quantity());
            } else if (sum != o.filled()) {
                bad.add(o.clientOrderId() + " reports filled " + o.filled() + " but its trades add up to " + sum);
            }
        }
        return Checkers.result(invariant(), bad, r.trades().size() + " trades over " + r.orders().size()
            + " orders on " + r.replica() + " add up", bad.size() + " orders or trades do not add up")
            .checkedBy("each listed order's filled quantity against its quantity and its trades, on " + r.replica());
    }
}
