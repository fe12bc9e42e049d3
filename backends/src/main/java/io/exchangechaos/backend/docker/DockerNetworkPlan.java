package io.exchangechaos.backend.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.topology.HostPort;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.Topology;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where everything of a topology sits on the container backend, worked out from the topology alone (no Docker): the
 * networks and their subnets, every container's fixed addresses, how a service's command line is rewritten, and what
 * the DNS server answers each region.
 *
 * <p>Networks: one per region (the region's services and its proxy), and the WAN as one internal network per pair of
 * regions ({@code wan-r1-r2}, …) that every container of those two regions is also on. Every link is a proxy of the
 * harness's Toxiproxy-compatible server, one proxy container per region holding the links into that region; a
 * service reaches a link in its own region over the region network and a link in another region over the WAN
 * network of the two regions. So disconnecting a region's containers from its WAN networks cuts it off in both
 * directions while it keeps running, and disconnecting two regions from the network they share cuts exactly them
 * apart while both still reach the rest. The DNS server answers each region with the addresses that region reaches
 * ({@link #answer}).
 *
 * <p>Addresses in the topology are loopback addresses; each service's command line is rewritten ({@link #rewrite}):
 * its own listen address becomes 0.0.0.0, a link's address that of the link's proxy, a service's address that of its
 * container, the DNS server's that of the harness. Every address is fixed (static IPs on harness-made subnets), so a
 * restarted or reconnected container keeps it.
 */
public final class DockerNetworkPlan {
    private static final Pattern ADDRESS = Pattern.compile("\\b(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})\\b");
    /** Harness-made subnets: region i 10.213.(i+1).0/24; the WAN network of the p-th pair of regions 10.215.p.0/24. */
    private static final String SUBNET_PREFIX = "10.213.";
    private static final String PAIR_SUBNET_PREFIX = "10.215.";
    /** Regions up to this many: their pairs fit the 256 pair subnets. */
    static final int MAX_REGIONS = 22;
    /** The port every proxy container serves the Toxiproxy API on. */
    public static final int PROXY_API_PORT = 8474;

    private final Topology topology;
    private final List<String> regions;
    /** Container name (service or "proxy-REGION") to its address on its region network. */
    private final Map<String, String> regionIp = new LinkedHashMap<>();
    /** Container name to its host number on every WAN network it is on (the same on each). */
    private final Map<String, Integer> wanHost = new HashMap<>();
    private final Map<String, String> containerRegion = new HashMap<>();

    /**
     * Fixes every container's addresses, and checks each region's proxy can hold its links.
     *
     * @throws StackStartException when the topology has more regions or containers than the plan has room for, or
     *                             two links into one region listen on one port
     */
    public DockerNetworkPlan(Topology topology) {
        this.topology = topology;
        this.regions = topology.regionsWithServices();
        if (regions.size() > MAX_REGIONS) {
            throw new StackStartException("topology " + topology.name() + " has " + regions.size() + " regions; the"
                + " docker backend handles up to " + MAX_REGIONS + " (one WAN network per pair of regions)");
        }
        int nextWanHost = 10;
        for (String region : regions) {
            String proxy = proxyName(region);
            regionIp.put(proxy, subnet(region) + ".2");
            wanHost.put(proxy, nextWanHost++);
            containerRegion.put(proxy, region);
            int host = 10;
            for (Service s : topology.servicesIn(region)) {
                regionIp.put(s.name(), subnet(region) + "." + (host++));
                wanHost.put(s.name(), nextWanHost++);
                containerRegion.put(s.name(), region);
            }
        }
        if (nextWanHost > 254) {
            throw new StackStartException("topology " + topology.name() + " needs " + (nextWanHost - 10) + " containers;"
                + " the docker backend handles up to 244");
        }
        Map<String, Map<Integer, String>> ports = new HashMap<>();
        for (Link l : topology.links()) {
            String region = linkRegion(l);
            String clash = ports.computeIfAbsent(region, r -> new HashMap<>()).putIfAbsent(l.listen().port(), l.name());
            if (clash != null) {
                throw new StackStartException("links [" + clash + "] and [" + l.name() + "] both listen on port "
                    + l.listen().port() + " and both lead into region [" + region + "], whose proxy container holds"
                    + " them; give one of them another port in " + topology.name());
            }
        }
    }

    public Topology topology() {
        return topology;
    }

    /** The regions that have services, each with its network, in the topology's order of services. */
    public List<String> regions() {
        return regions;
    }

    /** {@code 10.213.N}: the region network's first three octets. */
    public String subnet(String region) {
        return SUBNET_PREFIX + (regions.indexOf(region) + 1);
    }

    /** The region whose proxy container holds {@code l}: the region of the service it leads to. */
    public String linkRegion(Link l) {
        return topology.regionOf(l.to());
    }

    public static String proxyName(String region) {
        return "proxy-" + region;
    }

    /** The regions with a link into them, which get a proxy container. */
    public List<String> regionsWithLinks() {
        return regions.stream().filter(region -> topology.links().stream().anyMatch(l -> linkRegion(l).equals(region))).toList();
    }

    /** The WAN network between two regions, named in a fixed order. */
    public String pairName(String a, String b) {
        return regions.indexOf(a) < regions.indexOf(b) ? "wan-" + a + "-" + b : "wan-" + b + "-" + a;
    }

    /** The pairs of regions in a fixed order: (r0, r1), (r0, r2), …, (r1, r2), … */
    public List<List<String>> pairs() {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                out.add(List.of(regions.get(i), regions.get(j)));
            }
        }
        return out;
    }

    /** {@code 10.215.P}: the first three octets of the WAN network between {@code a} and {@code b}. */
    public String pairSubnet(String a, String b) {
        String name = pairName(a, b);
        List<List<String>> pairs = pairs();
        for (int p = 0; p < pairs.size(); p++) {
            if (pairName(pairs.get(p).get(0), pairs.get(p).get(1)).equals(name)) {
                return PAIR_SUBNET_PREFIX + p;
            }
        }
        throw new IllegalArgumentException("no regions [" + a + "] and [" + b + "]; regions: " + regions);
    }

    /** Every network to make, by name (the region, or {@code wan-A-B}), with its subnet's first three octets. */
    public Map<String, String> networks() {
        Map<String, String> subnets = new LinkedHashMap<>();
        regions.forEach(r -> subnets.put(r, subnet(r)));
        pairs().forEach(p -> subnets.put(pairName(p.get(0), p.get(1)), pairSubnet(p.get(0), p.get(1))));
        return subnets;
    }

    /** Whether {@code network} (a name of {@link #networks}) is a WAN network, internal to the engine. */
    public boolean isWan(String network) {
        return !regions.contains(network);
    }

    /** Every container (services and proxies), in a fixed order. */
    public List<String> containers() {
        return List.copyOf(regionIp.keySet());
    }

    public String regionOfContainer(String container) {
        return containerRegion.get(container);
    }

    /** A container's address on its region network. */
    public String regionIp(String container) {
        return regionIp.get(container);
    }

    /** A container's address on the WAN network its region shares with {@code otherRegion}. */
    public String wanAddress(String container, String otherRegion) {
        return pairSubnet(containerRegion.get(container), otherRegion) + "." + wanHost.get(container);
    }

    /** Where a container in {@code fromRegion} reaches {@code container}: over its region network if they share one. */
    public String addressFrom(String fromRegion, String container) {
        return fromRegion.equals(containerRegion.get(container)) ? regionIp.get(container) : wanAddress(container, fromRegion);
    }

    /** The region whose network {@code client} is on, if it is one of ours. */
    Optional<String> regionOfClient(InetAddress client) {
        String a = client.getHostAddress();
        return regions.stream().filter(r -> a.startsWith(subnet(r) + ".")).findFirst();
    }

    /**
     * Rewrites the loopback addresses in one argument of {@code self}'s command line (see the class comment);
     * {@code dnsPort} is the port the harness's DNS server answers on.
     */
    public String rewrite(Service self, String argument, int dnsPort) {
        Matcher m = ADDRESS.matcher(argument);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            HostPort hp = new HostPort(m.group(1), Integer.parseInt(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(translate(self, hp, dnsPort)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String translate(Service self, HostPort hp, int dnsPort) {
        String region = self.region();
        if (hp.equals(topology.dns().listen())) {
            return subnet(region) + ".1:" + dnsPort;
        }
        for (Link l : topology.links()) {
            if (l.listen().equals(hp)) {
                return addressFrom(region, proxyName(linkRegion(l))) + ":" + hp.port();
            }
        }
        if (hp.host().equals(self.listen().host())) {
            return "0.0.0.0:" + hp.port();
        }
        for (Service s : topology.services()) {
            if (s.listen().host().equals(hp.host())) {
                return addressFrom(region, s.name()) + ":" + hp.port();
            }
        }
        return hp.toString();
    }

    /** A topology address as the harness reaches it from this machine (the container's region address). */
    public URI fromHarness(URI uri) {
        for (Link l : topology.links()) {
            if (l.listen().host().equals(uri.getHost())) {
                return withHost(uri, regionIp.get(proxyName(linkRegion(l))));
            }
        }
        for (Service s : topology.services()) {
            if (s.listen().host().equals(uri.getHost())) {
                return withHost(uri, regionIp.get(s.name()));
            }
        }
        return uri;
    }

    private static URI withHost(URI uri, String host) {
        return URI.create(uri.getScheme() + "://" + host + ":" + uri.getPort() + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** The container a DNS record's address names: the proxy holding the link, or the service, listening there. */
    private Optional<String> recordContainer(String address) {
        for (Link l : topology.links()) {
            if (l.listen().host().equals(address)) {
                return Optional.of(proxyName(linkRegion(l)));
            }
        }
        for (Service s : topology.services()) {
            if (s.listen().host().equals(address)) {
                return Optional.of(s.name());
            }
        }
        return Optional.empty();
    }

    /** A record holds the region address of the container it names; each region is answered with its own way there. */
    public String recordAddress(String address) {
        return recordContainer(address).map(regionIp::get).orElse(address);
    }

    /**
     * What the DNS server answers {@code client} for a record holding {@code address} (a region address): the
     * address {@code client}'s region reaches that container at, or {@code address} itself for a client on none of
     * our networks.
     */
    public Inet4Address answer(InetAddress client, Inet4Address address) {
        Optional<String> region = regionOfClient(client);
        if (region.isEmpty()) {
            return address;
        }
        String a = address.getHostAddress();
        for (Map.Entry<String, String> e : regionIp.entrySet()) {
            if (e.getValue().equals(a)) {
                try {
                    return (Inet4Address) InetAddress.getByName(addressFrom(region.get(), e.getKey()));
                } catch (UnknownHostException ex) {
                    return address;
                }
            }
        }
        return address;
    }

    /** The clients' way in: each entrypoint link at its proxy container's region address. */
    public List<URI> entrypoints() {
        return topology.entrypointLinks().stream()
            .map(l -> URI.create("http://" + regionIp.get(proxyName(linkRegion(l))) + ":" + l.listen().port())).toList();
    }

    /** A service's own address, from the harness. */
    public URI serviceUrl(Service s) {
        return URI.create("http://" + regionIp.get(s.name()) + ":" + s.listen().port());
    }

    /** The Toxiproxy API of the proxy container holding {@code link}. */
    public String proxyApi(Link link) {
        return "http://" + regionIp.get(proxyName(linkRegion(link))) + ":" + PROXY_API_PORT;
    }

    /**
     * Where everything is (per region: network, subnet, entrypoints; per container: region address and its address on
     * each WAN network), as {@code logs/docker-stack.json} holds it, networks named {@code chaos-RUNID-NAME}.
     */
    public ObjectNode layout(String runId) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("runId", runId);
        ObjectNode regionsNode = root.putObject("regions");
        for (String region : regions) {
            ObjectNode r = regionsNode.putObject(region);
            r.put("network", "chaos-" + runId + "-" + region).put("subnet", subnet(region) + ".0/24");
            var entry = r.putArray("entrypoints");
            topology.entrypointLinks().stream().filter(l -> linkRegion(l).equals(region))
                .forEach(l -> entry.add("http://" + regionIp.get(proxyName(linkRegion(l))) + ":" + l.listen().port()));
        }
        ObjectNode c = root.putObject("containers");
        for (String name : new TreeSet<>(regionIp.keySet())) {
            ObjectNode wan = c.putObject(name).put("region", containerRegion.get(name)).put("address", regionIp.get(name))
                .putObject("wanAddresses");
            for (String other : regions) {
                if (!other.equals(containerRegion.get(name))) {
                    wan.put(pairName(containerRegion.get(name), other), wanAddress(name, other));
                }
            }
        }
        return root;
    }
}
