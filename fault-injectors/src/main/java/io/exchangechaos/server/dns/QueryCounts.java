package io.exchangechaos.server.dns;

import java.util.Map;

/**
 * Queries counted since the server started (not only those still in the ring buffer): per name
 * and outcome, and per fault id. This is what proves clients saw a fault rather than a cache.
 */
public record QueryCounts(Map<String, Map<QueryOutcome, Long>> byName, Map<String, Long> byFault) {

    public QueryCounts {
        byName = Map.copyOf(byName);
        byFault = Map.copyOf(byFault);
    }

    public long count(String name, QueryOutcome outcome) {
        return byName.getOrDefault(DnsNames.canonical(name), Map.of()).getOrDefault(outcome, 0L);
    }

    public long total(String name) {
        return byName.getOrDefault(DnsNames.canonical(name), Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    public long countForFault(String faultId) {
        return byFault.getOrDefault(faultId, 0L);
    }
}
