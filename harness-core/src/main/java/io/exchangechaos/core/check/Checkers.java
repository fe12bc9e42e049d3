package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.adapter.TradeRecord;
import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in checkers, Jepsen-style: each reads only the history and the replicas' final state. */
public final class Checkers {
    private Checkers() {
    }

    public static List<Checker> all() {
        return List.of(new LostAcked(), new Duplicates(), new FillsWithinQuantity(), new BalancesConserved(),
            new ReplicasConverge(), new IndeterminateResolved());
    }

    public static List<RunOutcome.InvariantResult> check(List<Invariant> invariants, CheckContext ctx) {
        List<RunOutcome.InvariantResult> out = new ArrayList<>();
        for (Checker c : all()) {
            if (invariants.contains(c.invariant())) {
                out.add(c.check(ctx));
            }
        }
        return out;
    }

    static RunOutcome.InvariantResult result(Invariant inv, List<String> violations, String okDetail, String badDetail) {
        if (violations.isEmpty()) {
            return new RunOutcome.InvariantResult(inv.id(), Verdict.PASS, 0, List.of(), okDetail);
        }
        return new RunOutcome.InvariantResult(inv.id(), Verdict.FAIL, violations.size(),
            List.copyOf(violations.subList(0, Math.min(Checker.EXAMPLES, violations.size()))), badDetail);
    }

    static RunOutcome.InvariantResult noReplicas(Invariant inv, CheckContext ctx) {
        return new RunOutcome.InvariantResult(inv.id(), Verdict.INCONCLUSIVE, 0, List.of(),
            "no replica's state could be read: " + ctx.unreachable());
    }

    static Map<String, OrderRecord> byId(ReplicaState r) {
        Map<String, OrderRecord> m = new HashMap<>(r.orders().size() * 2);
        r.orders().forEach(o -> m.putIfAbsent(o.clientOrderId(), o));
        return m;
    }

    /**
     * Every order the exchange acknowledged is on a majority of the replicas that answered: a committed entry
     * survives on a majority, so an order held by fewer is gone. One missing only on a replica still catching up
     * is not lost; replicas-converge names that replica.
     */
    static final class LostAcked implements Checker {
        public Invariant invariant() {
            return Invariant.NO_LOST_ACKED_ORDERS;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            if (ctx.replicas().isEmpty()) {
                return noReplicas(invariant(), ctx);
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
            return result(invariant(), lost, ok, lost.size() + " of " + acked
                + " acknowledged orders are missing from a majority of the replicas");
        }
    }

    /** No client order id became two orders, and no order traded more than once per its quantity. */
    static final class Duplicates implements Checker {
        public Invariant invariant() {
            return Invariant.NO_DUPLICATE_ORDERS;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            if (ctx.replicas().isEmpty()) {
                return noReplicas(invariant(), ctx);
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
            return result(invariant(), dups, "every client order id is one order on every replica",
                dups.size() + " client order ids became more than one order");
        }
    }

    /** Fills never exceed quantity, trades add up to each order's filled quantity, and every trade has both sides. */
    static final class FillsWithinQuantity implements Checker {
        public Invariant invariant() {
            return Invariant.FILLS_WITHIN_QUANTITY;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            if (ctx.replicas().isEmpty()) {
                return noReplicas(invariant(), ctx);
            }
            ReplicaState r = ctx.replicas().get(0);
            Map<String, OrderRecord> orders = byId(r);
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
            return result(invariant(), bad, r.trades().size() + " trades over " + r.orders().size()
                + " orders on " + r.replica() + " add up", bad.size() + " orders or trades do not add up");
        }
    }

    /** Every asset's total over all accounts, fees and holds included, is what it was before the load. */
    static final class BalancesConserved implements Checker {
        public Invariant invariant() {
            return Invariant.BALANCES_CONSERVED;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            if (ctx.replicas().isEmpty() || ctx.totalsBefore().isEmpty()) {
                return noReplicas(invariant(), ctx);
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
            return result(invariant(), bad, "every asset's total is unchanged on every replica: " + ctx.totalsBefore(),
                "asset totals changed");
        }
    }

    /** Replicas that applied the same log hold the same state. */
    static final class ReplicasConverge implements Checker {
        public Invariant invariant() {
            return Invariant.REPLICAS_CONVERGE;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            if (ctx.replicas().isEmpty()) {
                return noReplicas(invariant(), ctx);
            }
            Map<String, List<String>> byDigest = new LinkedHashMap<>();
            for (ReplicaState r : ctx.replicas()) {
                byDigest.computeIfAbsent(r.digest() + " @" + r.appliedIndex(), d -> new ArrayList<>()).add(r.replica());
            }
            if (byDigest.size() == 1) {
                String detail = ctx.replicas().size() + " replicas agree on digest " + byDigest.keySet().iterator().next();
                if (!ctx.unreachable().isEmpty()) {
                    return new RunOutcome.InvariantResult(invariant().id(), Verdict.INCONCLUSIVE, 0, List.of(),
                        detail + ", but " + ctx.unreachable() + " could not be read");
                }
                return new RunOutcome.InvariantResult(invariant().id(), Verdict.PASS, 0, List.of(), detail);
            }
            List<String> groups = new ArrayList<>();
            byDigest.forEach((d, rs) -> groups.add(rs + " → " + d));
            return new RunOutcome.InvariantResult(invariant().id(), Verdict.FAIL, byDigest.size() - 1L, groups,
                "replicas disagree: " + byDigest.size() + " different states");
        }
    }

    /** Every operation whose outcome was unknown has been settled by asking the exchange afterwards. */
    static final class IndeterminateResolved implements Checker {
        public Invariant invariant() {
            return Invariant.INDETERMINATE_RESOLVED;
        }

        public RunOutcome.InvariantResult check(CheckContext ctx) {
            List<String> unresolved = new ArrayList<>();
            long total = 0;
            for (Operation op : ctx.history()) {
                if (op.answer() == Answer.Kind.UNKNOWN && op.isPlace()) {
                    total++;
                    Optional<OrderRecord> r = ctx.resolutions().getOrDefault(op.clientOrderId(), null);
                    if (r == null) {
                        unresolved.add(op.clientOrderId() + " (" + op.detail() + ")");
                    }
                }
            }
            if (unresolved.isEmpty()) {
                return new RunOutcome.InvariantResult(invariant().id(), Verdict.PASS, 0, List.of(),
                    total + " operations with unknown outcome, all resolved by querying the exchange");
            }
            return new RunOutcome.InvariantResult(invariant().id(), Verdict.INCONCLUSIVE, unresolved.size(),
                unresolved.subList(0, Math.min(Checker.EXAMPLES, unresolved.size())),
                unresolved.size() + " of " + total + " unknown outcomes could not be resolved");
        }
    }
}
