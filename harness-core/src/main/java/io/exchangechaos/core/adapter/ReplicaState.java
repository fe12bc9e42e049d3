package io.exchangechaos.core.adapter;

import java.util.List;
import java.util.Map;

/**
 * Everything reconciliation reads from one replica, taken at one point.
 *
 * @param digest       the replica's own digest of its state, or null where the exchange has none
 * @param appliedIndex how far the replica has applied its log, or -1 where that means nothing
 * @param totals       each asset summed over every account, fees and holds included
 */
public record ReplicaState(String replica, long appliedIndex, String digest, List<OrderRecord> orders,
                           List<TradeRecord> trades, Map<String, Long> totals) {
}
