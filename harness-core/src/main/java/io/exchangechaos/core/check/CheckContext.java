package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.history.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checkers judge: the history as the client lived it and the exchange's state as every reachable replica
 * holds it after the run.
 *
 * @param totalsBefore  each asset's total before the load, from the first replica that answered
 * @param resolutions   for each operation whose outcome was unknown, what querying the exchange afterwards found:
 *                      the order, empty when the exchange has no such order; absent when the query itself failed
 * @param unreachable   replicas whose state could not be read, with why
 */
public record CheckContext(List<Operation> history, List<ReplicaState> replicas, Map<String, Long> totalsBefore,
                           Map<String, Optional<OrderRecord>> resolutions, Map<String, String> unreachable) {
}
