package io.exchangechaos.server.dns;

import java.time.Instant;

/** Where the server listens and how busy it has been. Addresses are {@code host:port}; control is a URL or null. */
public record DnsServerStatus(
        String zone,
        String udp,
        String tcp,
        String control,
        Instant startedAt,
        int activeFaults,
        long queries,
        long overloadDrops) {
}
