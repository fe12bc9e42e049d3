package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.history.Operation;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the checkers judge: the history as the client lived it and the exchange's state as every reachable replica
 * holds it after the run, as far as the adapter can observe it.
 *
 * @param totalsBefore  each asset's total before the load, from the first replica that answered
 * @param resolutions   for each operation whose outcome was unknown, what querying the exchange afterwards found:
 *                      the order, empty when the exchange has no such order; absent when the query itself failed
 * @param unreachable   replicas whose state could not be read, with why
 * @param adapter       the name of the adapter that observed all this
 * @param capabilities  what that adapter can observe: a checker whose {@link Checker#needs()} it does not meet is not
 *                      asked
 * @param lookedUp      for each acknowledged order, what looking it up by its client order id found, when the adapter
 *                      cannot list orders but can look them up; absent for one not looked up
 * @param lookUpsCut    why the look-ups stopped before every acknowledged order was looked up; null when they did not
 */
public record CheckContext(List<Operation> history, List<ReplicaState> replicas, Map<String, Long> totalsBefore,
                           Map<String, Optional<OrderRecord>> resolutions, Map<String, String> unreachable,
                           String adapter, Set<Capability> capabilities, Map<String, Optional<OrderRecord>> lookedUp,
                           String lookUpsCut) {

    public CheckContext {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        lookedUp = lookedUp == null ? Map.of() : lookedUp;
    }

    /** What the staged exchange's adapter observes: everything. */
    public CheckContext(List<Operation> history, List<ReplicaState> replicas, Map<String, Long> totalsBefore,
                        Map<String, Optional<OrderRecord>> resolutions, Map<String, String> unreachable) {
        this(history, replicas, totalsBefore, resolutions, unreachable, Adapters.DEFAULT, EnumSet.allOf(Capability.class),
            Map.of(), null);
    }

    public boolean can(Capability c) {
        return capabilities.contains(c);
    }
}
