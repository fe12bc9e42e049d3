package io.exchangechaos.server.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One query and what the client got. {@code faultId}/{@code faultMode} are null when no fault
 * applied; {@code delay} is zero unless a LATENCY fault held the answer back.
 */
public record QueryLogEntry(
        Instant time,
        String client,
        Transport transport,
        String name,
        String type,
        QueryOutcome outcome,
        List<String> addresses,
        Duration delay,
        String faultId,
        FaultMode faultMode) {

    public QueryLogEntry {
        addresses = List.copyOf(addresses);
    }

    public String rcode() {
        return outcome.rcode();
    }
}
