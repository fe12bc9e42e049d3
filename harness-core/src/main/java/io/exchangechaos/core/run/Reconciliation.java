package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.history.Operation;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the exchange holds after the run, as far as its adapter can observe it: every replica's state, read once they
 * agree on how far they applied (or after 20 s), the outcome of every order whose answer was unknown, and, when the
 * adapter cannot list orders but can look them up, every acknowledged order looked up; each asked through each
 * entrypoint in turn.
 *
 * @param replicas    the replicas read
 * @param unreachable replicas that could not be read, with why
 * @param resolutions what the exchange says of each order whose answer was unknown and any entrypoint answered for
 * @param lookedUp    what the exchange says of each acknowledged order looked up one by one
 * @param lookUpsCut  why those look-ups stopped before the last acknowledged order; null when they did not
 */
record Reconciliation(List<ReplicaState> replicas, Map<String, String> unreachable,
                      Map<String, Optional<OrderRecord>> resolutions, Map<String, Optional<OrderRecord>> lookedUp,
                      String lookUpsCut) {
    /** How long looking every acknowledged order up may take: a bounded wait, then INCONCLUSIVE for the rest. */
    static final Duration LOOK_UP_BUDGET = Duration.ofSeconds(60);
    /** What reading a replica's state gives: an adapter with none of these has no state to read. */
    private static final Set<Capability> STATE = EnumSet.of(Capability.LIST_ORDERS, Capability.TRADES,
        Capability.BALANCES, Capability.REPLICA_STATE);

    static Reconciliation of(RunContext ctx, List<Operation> ops) {
        ctx.progress().stage("reconciling every order");
        ExchangeAdapter adapter = ctx.adapter;
        Set<Capability> can = adapter.capabilities();
        Stack stack = ctx.stack;
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<ReplicaState> replicas = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (can.stream().anyMatch(STATE::contains)) {
            replicas.clear();
            unreachable.clear();
            for (URI uri : stack.replicas()) {
                try {
                    replicas.add(adapter.readState(uri, Duration.ofSeconds(10)));
                } catch (IOException e) {
                    unreachable.put(uri.toString(), e.getMessage());
                }
            }
            // applied indexes mean something only to an adapter that reads comparable replica states
            boolean converged = unreachable.isEmpty() && (!can.contains(Capability.REPLICA_STATE)
                || replicas.stream().map(ReplicaState::appliedIndex).distinct().count() <= 1);
            if (converged || System.nanoTime() > deadline) {
                break;
            }
            LoadClock.SYSTEM.sleep(500);
        }
        Map<String, Optional<OrderRecord>> resolutions = new LinkedHashMap<>();
        List<URI> entry = stack.entrypoints();
        if (!can.contains(Capability.LOOKUP_BY_CLIENT_ID)) {
            return new Reconciliation(replicas, unreachable, resolutions, Map.of(), null);
        }
        for (Operation op : ops) {
            if (op.answer() == Answer.Kind.UNKNOWN && op.isPlace()) {
                lookUp(adapter, entry, op.clientOrderId()).ifPresent(found -> resolutions.put(op.clientOrderId(), found));
            }
        }
        Map<String, Optional<OrderRecord>> lookedUp = new LinkedHashMap<>();
        String cut = null;
        // without a listing, or without a service to list (no kind: engine), each acknowledged order is looked up
        if (!(can.contains(Capability.LIST_ORDERS) && can.contains(Capability.ATTRIBUTION)) || stack.replicas().isEmpty()) {
            List<String> acked = ops.stream().filter(op -> op.isPlace() && op.answer() == Answer.Kind.ACKNOWLEDGED)
                .map(Operation::clientOrderId).toList();
            ctx.progress().stage("looking up " + acked.size() + " acknowledged orders one by one");
            long lookUpsEnd = System.nanoTime() + LOOK_UP_BUDGET.toNanos();
            for (String id : acked) {
                if (System.nanoTime() > lookUpsEnd) {
                    cut = "the look-ups stopped after " + LOOK_UP_BUDGET.toSeconds() + " s";
                    break;
                }
                lookUp(adapter, entry, id).ifPresent(found -> lookedUp.put(id, found));
            }
        }
        return new Reconciliation(replicas, unreachable, resolutions, lookedUp, cut);
    }

    /** What the first entrypoint that answers says of the order; empty when none answered. */
    private static Optional<Optional<OrderRecord>> lookUp(ExchangeAdapter adapter, List<URI> entry, String clientOrderId) {
        for (URI uri : entry) {
            try {
                return Optional.of(adapter.query(uri, clientOrderId, Duration.ofSeconds(3)));
            } catch (IOException e) {
                // try the next entrypoint
            }
        }
        return Optional.empty();
    }
}
