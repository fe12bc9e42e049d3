package io.exchangechaos.core.topology;

/**
 * A proxied connection: clients of {@code to} connect to {@code listen}, the proxy forwards to {@code upstream}.
 * Link faults (latency, blackhole, partition…) act here.
 *
 * @param from     who connects: {@code client}, a group ({@code gateways}, {@code engines}) or a service name
 * @param to       the service behind the proxy
 * @param wan      true if the link crosses regions (replication), the target of {@code {links: wan}}
 */
public record Link(String name, String from, String to, HostPort listen, HostPort upstream, boolean wan) {
}
