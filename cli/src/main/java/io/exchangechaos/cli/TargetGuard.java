package io.exchangechaos.cli;

import io.exchangechaos.core.topology.DnsRecord;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.Topology;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faults act on every address a topology names, and the harness itself calls its health URLs; on a developer's machine
 * all of them must be this machine's. A topology naming any other host (a service, a link, a health URL, a DNS record's
 * address, the Toxiproxy API) is refused unless the operator says {@code --allow-remote-targets}.
 */
final class TargetGuard {

    private TargetGuard() {
    }

    /** Each address of {@code topology} (and the external Toxiproxy) that is not loopback, with what names it. */
    static List<String> remoteAddresses(Topology topology, Optional<URI> externalToxiproxy) {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (Service s : topology.services()) {
            addresses.putIfAbsent(s.listen().toString(), "service " + s.name());
        }
        for (Link l : topology.links()) {
            addresses.putIfAbsent(l.listen().toString(), "link " + l.name() + " listen");
            addresses.putIfAbsent(l.upstream().toString(), "link " + l.name() + " upstream");
        }
        for (Service s : topology.services()) {
            // the harness calls each health URL itself, so a link-local one (cloud metadata) is a target too
            URI health = s.health();
            if (health != null && health.getHost() != null) {
                int port = health.getPort() >= 0 ? health.getPort() : "https".equals(health.getScheme()) ? 443 : 80;
                addresses.putIfAbsent(health.getHost() + ":" + port, "health of service " + s.name());
            }
        }
        for (DnsRecord r : topology.records()) {
            // a name the harness's DNS server answers sends the stack's traffic, and its faults, to these addresses
            for (String a : r.addresses()) {
                addresses.putIfAbsent(a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a, "dns record " + r.name());
            }
        }
        addresses.putIfAbsent(topology.dns().listen().toString(), "dns.listen");
        URI api = externalToxiproxy.orElse(topology.proxyApi());
        addresses.putIfAbsent(api.getHost() + ":" + api.getPort(), externalToxiproxy.isPresent() ? "--toxiproxy" : "proxyApi");
        List<String> remote = new ArrayList<>();
        addresses.forEach((address, what) -> {
            String host = address.endsWith("]") || address.lastIndexOf(':') < 0 ? address
                : address.substring(0, address.lastIndexOf(':'));
            if (!isLoopback(host)) {
                remote.add("[" + address + "] (" + what + ")");
            }
        });
        return remote;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // a literal address is parsed, not looked up; a name is resolved, and one that does not resolve is not ours
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
