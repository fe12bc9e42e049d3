package io.exchangechaos.core.topology;

import java.time.Duration;

/** The harness's DNS server: where it listens and the TTL of its answers. */
public record DnsServer(HostPort listen, Duration ttl) {
}
