package io.exchangechaos.backend.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.backend.LeaderQuestion;
import io.exchangechaos.backend.StackClasspath;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.topology.HostPort;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.ServiceKind;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.fault.container.Attachment;
import io.exchangechaos.fault.container.ContainerRef;
import io.exchangechaos.fault.container.ContainerSweep;
import io.exchangechaos.fault.container.Containers;
import io.exchangechaos.fault.container.Docker;
import io.exchangechaos.fault.discovery.DnsControl;
import io.exchangechaos.fault.network.ProxyApis;
import io.exchangechaos.server.dns.AnswerView;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The container backend: the same topology file, every service in its own container (Testcontainers), built from
 * images made on this machine ({@link StackImages}).
 *
 * <p>Networks: one per region (the region's services and its proxy), and the WAN as one internal network per pair of
 * regions ({@code wan-r1-r2}, …) that every container of those two regions is also on. Every link is a proxy of the
 * harness's Toxiproxy-compatible server, one proxy container per region holding the links into that region; a
 * service reaches a link in its own region over the region network and a link in another region over the WAN
 * network of the two regions. So disconnecting a region's containers from its WAN networks cuts it off in both
 * directions while it keeps running (its clients still reach its gateway, and its gateway its own engine), and
 * disconnecting two regions from the network they share cuts exactly them apart while both still reach the rest.
 * Names are answered by the harness's DNS fault server, which the containers reach at their region network's
 * gateway; it answers each region with the addresses that region reaches ({@link AnswerView}).
 *
 * <p>Addresses in the topology are loopback addresses; each service's command line is rewritten: its own listen
 * address becomes 0.0.0.0, a link's address that of the link's proxy, a service's address that of its container,
 * the DNS server's that of the harness. Every address is fixed (static IPs on harness-made subnets), so a restarted
 * or reconnected container keeps it. Containers and networks are labelled with the run's id and the harness process
 * ({@link Docker#RUN_LABEL}, {@link Docker#OWNER_LABEL}); {@code ./chaos cleanup} removes those of a dead run.
 */
public final class DockerStack implements Stack, Containers, ProxyApis, DnsControl {
    private static final Logger LOG = LoggerFactory.getLogger(DockerStack.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("\\b(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})\\b");
    /** Harness-made subnets: region i 10.213.(i+1).0/24; the WAN network of the p-th pair of regions 10.215.p.0/24. */
    private static final String SUBNET_PREFIX = "10.213.";
    private static final String PAIR_SUBNET_PREFIX = "10.215.";
    /** Regions up to this many: their pairs fit the 256 pair subnets. */
    private static final int MAX_REGIONS = 22;
    private static final int PROXY_API_PORT = 8474;

    private final Topology topology;
    private final Path runDir;
    private final String runId;
    private final DockerClient docker;
    private final Map<String, String> labels;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final List<String> regions;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    /** Container name (service or "proxy-REGION") to its running container. */
    private final Map<String, GenericContainer<?>> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> regionIp = new HashMap<>();
    /** Container name to its host number on every WAN network it is on (the same on each). */
    private final Map<String, Integer> wanHost = new HashMap<>();
    private final Map<String, String> containerRegion = new HashMap<>();
    private DnsFaultServer dnsServer;
    private java.util.concurrent.ScheduledExecutorService roleSampler;
    private boolean closed;

    private DockerStack(Topology topology, Path runDir, String runId, DockerClient docker) {
        this.topology = topology;
        this.runDir = runDir;
        this.runId = runId;
        this.docker = docker;
        this.labels = Map.of(Docker.RUN_LABEL, runId, Docker.OWNER_LABEL, ContainerSweep.selfOwner());
        this.regions = topology.regionsWithServices();
    }

    /** Options: the images (built when missing) and how long to wait for health. */
    public record Options(Duration healthTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(120));
        }
    }

    public static DockerStack start(Topology topology, Weakness weakness, Path runDir, FaultRecorder recorder, Options options) {
        DockerClient docker = Docker.client();
        String runId = "r" + Long.toString(System.currentTimeMillis(), 36);
        DockerStack stack = new DockerStack(topology, runDir, runId, docker);
        try {
            stack.plan();
            stack.checkUserImages();
            StackImages images = new StackImages(docker, Path.of(System.getProperty("java.io.tmpdir"), "exchange-chaos-images"));
            String image = images.stack(StackClasspath.resolve());
            stack.startNetworks();
            stack.startDns();
            stack.startProxies(image);
            stack.startServices(image, weakness, options.healthTimeout());
            stack.writeLayout();
            stack.sampleRoles();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    // ---- addresses ----

    /** Fixes every container's addresses, and checks each region's proxy can hold its links. */
    private void plan() {
        if (regions.size() > MAX_REGIONS) {
            throw new StackStartException("topology " + topology.name() + " has " + regions.size() + " regions; the"
                + " docker backend handles up to " + MAX_REGIONS + " (one WAN network per pair of regions)");
        }
        int wanHost = 10;
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            String proxy = proxyName(region);
            regionIp.put(proxy, subnet(region) + ".2");
            this.wanHost.put(proxy, wanHost++);
            containerRegion.put(proxy, region);
            int host = 10;
            for (Service s : topology.servicesIn(region)) {
                regionIp.put(s.name(), subnet(region) + "." + (host++));
                this.wanHost.put(s.name(), wanHost++);
                containerRegion.put(s.name(), region);
            }
        }
        if (wanHost > 254) {
            throw new StackStartException("topology " + topology.name() + " needs " + (wanHost - 10) + " containers;"
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

    private String subnet(String region) {
        return SUBNET_PREFIX + (regions.indexOf(region) + 1);
    }

    private String linkRegion(Link l) {
        return topology.regionOf(l.to());
    }

    private static String proxyName(String region) {
        return "proxy-" + region;
    }

    /** The WAN network between two regions, named in a fixed order. */
    private String pairName(String a, String b) {
        return regions.indexOf(a) < regions.indexOf(b) ? "wan-" + a + "-" + b : "wan-" + b + "-" + a;
    }

    /** The pairs of regions in a fixed order: (r0, r1), (r0, r2), …, (r1, r2), … */
    private List<List<String>> pairs() {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                out.add(List.of(regions.get(i), regions.get(j)));
            }
        }
        return out;
    }

    private String pairSubnet(String a, String b) {
        String name = pairName(a, b);
        List<List<String>> pairs = pairs();
        for (int p = 0; p < pairs.size(); p++) {
            if (pairName(pairs.get(p).get(0), pairs.get(p).get(1)).equals(name)) {
                return PAIR_SUBNET_PREFIX + p;
            }
        }
        throw new IllegalArgumentException("no regions [" + a + "] and [" + b + "]; regions: " + regions);
    }

    /** A container's address on the WAN network its region shares with {@code otherRegion}. */
    private String wanAddress(String container, String otherRegion) {
        return pairSubnet(containerRegion.get(container), otherRegion) + "." + wanHost.get(container);
    }

    /** Where a container in {@code fromRegion} reaches {@code container}: over its region network if they share one. */
    public String addressFrom(String fromRegion, String container) {
        return fromRegion.equals(containerRegion.get(container)) ? regionIp.get(container) : wanAddress(container, fromRegion);
    }

    /** The region whose network {@code client} is on, if it is one of ours. */
    private Optional<String> regionOfClient(InetAddress client) {
        String a = client.getHostAddress();
        return regions.stream().filter(r -> a.startsWith(subnet(r) + ".")).findFirst();
    }

    /** Rewrites the loopback addresses in one argument of a service's command line (see the class comment). */
    String rewrite(Service self, String argument) {
        Matcher m = ADDRESS.matcher(argument);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            HostPort hp = new HostPort(m.group(1), Integer.parseInt(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(translate(self, hp)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String translate(Service self, HostPort hp) {
        String region = self.region();
        if (hp.equals(topology.dns().listen())) {
            return subnet(region) + ".1:" + dnsServer.udpAddress().getPort();
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
    private URI fromHarness(URI uri) {
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
    private String recordAddress(String address) {
        return recordContainer(address).map(regionIp::get).orElse(address);
    }

    private Inet4Address answer(InetAddress client, Inet4Address address) {
        Optional<String> region = regionOfClient(client);
        if (region.isEmpty()) {
            return address;
        }
        String a = address.getHostAddress();
        for (Map.Entry<String, String> e : regionIp.entrySet()) {
            if (e.getValue().equals(a)) {
                try {
                    return (Inet4Address) InetAddress.getByName(addressFrom(region.get(), e.getKey()));
                } catch (java.net.UnknownHostException ex) {
                    return address;
                }
            }
        }
        return address;
    }

    // ---- start ----

    private void startNetworks() {
        Map<String, String> subnets = new LinkedHashMap<>();
        regions.forEach(r -> subnets.put(r, subnet(r)));
        pairs().forEach(p -> subnets.put(pairName(p.get(0), p.get(1)), pairSubnet(p.get(0), p.get(1))));
        for (Map.Entry<String, String> net : subnets.entrySet()) {
            String name = net.getKey();
            boolean wan = !regions.contains(name);
            String subnet = net.getValue();
            String dockerName = "chaos-" + runId + "-" + name;
            Network network = Network.builder().driver("bridge").createNetworkCmdModifier(cmd -> cmd
                .withName(dockerName)
                .withInternal(wan)
                .withLabels(labels)
                .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(subnet + ".0/24").withGateway(subnet + ".1"))))
                .build();
            try {
                network.getId();
            } catch (RuntimeException e) {
                throw new StackStartException("cannot create docker network " + dockerName + " (" + subnet + ".0/24): "
                    + e.getMessage() + "; if another network uses that subnet, remove it (`./chaos cleanup` removes"
                    + " those of earlier runs)", e);
            }
            networks.put(name, network);
        }
    }

    private void startDns() {
        try {
            DnsServerConfig dns = DnsServerConfig.forZone(topology.domain())
                .withDnsListen(new InetSocketAddress("0.0.0.0", 0))
                .withControlListen(new InetSocketAddress("127.0.0.1", 0))
                .withTtl(topology.dns().ttl())
                .withQueryLogFile(runDir.resolve("dns-queries.jsonl"));
            for (var record : topology.records()) {
                dns = dns.withRecord(record.name(), record.addresses().stream().map(this::recordAddress).toArray(String[]::new));
            }
            dnsServer = DnsFaultServer.start(dns, this::answer);
        } catch (IOException e) {
            throw new StackStartException("cannot start the DNS fault server for the containers: " + e.getMessage(), e);
        }
    }

    private void startProxies(String image) {
        List<String> withLinks = regions.stream()
            .filter(region -> topology.links().stream().anyMatch(l -> linkRegion(l).equals(region))).toList();
        withLinks.parallelStream().forEach(region -> start(proxyName(region), image, List.of(StackImages.JAVA,
            "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", StackImages.classpathInImage(),
            // 0.0.0.0 inside the container: the region's services reach its proxy over the region's network
            "io.exchangechaos.server.proxy.ToxiproxyServerMain", "--host", "0.0.0.0", "--allow-remote-targets",
            "--port", String.valueOf(PROXY_API_PORT))));
        for (String region : withLinks) {
            List<Link> links = topology.links().stream().filter(l -> linkRegion(l).equals(region)).toList();
            String name = proxyName(region);
            URI api = URI.create("http://" + regionIp.get(name) + ":" + PROXY_API_PORT);
            awaitHttp(name, api.resolve("/version"), Duration.ofSeconds(60));
            ToxiproxyClient client = new ToxiproxyClient(api.getHost(), api.getPort());
            for (Link l : links) {
                try {
                    ControlCalls.run(ControlCalls.DEFAULT, "Toxiproxy API", api.toString(), "POST /proxies",
                        () -> client.createProxy(l.name(), "0.0.0.0:" + l.listen().port(),
                            regionIp.get(l.to()) + ":" + l.upstream().port()));
                } catch (IOException e) {
                    throw new StackStartException("cannot create proxy [" + l.name() + "] in " + name + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Images named in the topology must already be in the engine: the harness never pulls. */
    private void checkUserImages() {
        List<String> missing = new ArrayList<>();
        for (Service s : topology.services()) {
            if (s.image().isPresent()) {
                try {
                    docker.inspectImageCmd(s.image().get()).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                    missing.add("service [" + s.name() + "]: image [" + s.image().get() + "]");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new StackStartException("images named in topology " + topology.name() + " are not in the local Docker"
                + " engine, and the harness never pulls: " + missing + "; `docker pull` them where a registry is"
                + " reachable, or `docker load` them, then run again");
        }
    }

    private void startServices(String image, Weakness weakness, Duration timeout) {
        Map<String, String> vars = Map.of(
            "java", StackImages.JAVA,
            "stack.classpath", StackImages.classpathInImage(),
            "runDir", "/tmp/run",
            "weakness", weakness.id());
        List<Service> first = topology.services().stream().filter(s -> s.kind() != ServiceKind.GATEWAY).toList();
        List<Service> gateways = topology.services(ServiceKind.GATEWAY);
        for (List<Service> batch : List.of(first, gateways)) {
            batch.parallelStream().forEach(s ->
                start(s.name(), s.image().orElse(image), s.command(vars).stream().map(a -> rewrite(s, a)).toList()));
            for (Service s : batch) {
                awaitHttp(s.name(), fromHarness(s.health()), timeout);
            }
        }
        LOG.info("stack {} up in containers: {} services, {} proxies, networks {}", topology.name(),
            topology.services().size(), topology.links().size(), networks.keySet());
    }

    private void start(String name, String image, List<String> command) {
        String region = containerRegion.get(name);
        Network regionNet = networks.get(region);
        Map<String, String> wan = new LinkedHashMap<>();
        for (String other : regions) {
            if (!other.equals(region)) {
                wan.put(networks.get(pairName(region, other)).getId(), wanAddress(name, other));
            }
        }
        Path log = runDir.resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new StackStartException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        GenericContainer<?> c = new WanAttachedContainer(DockerImageName.parse(image), wan, name)
            .withImagePullPolicy(imageName -> false)
            .withNetwork(regionNet)
            .withNetworkAliases(name)
            .withLabels(labels)
            .withCommand(command.toArray(String[]::new))
            .withCreateContainerCmdModifier(cmd -> cmd.withName("chaos-" + runId + "-" + name).withHostName(name)
                .withIpv4Address(regionIp.get(name)))
            .withStartupTimeout(Duration.ofSeconds(60))
            .withLogConsumer(frame -> append(log, frame.getUtf8String()));
        containers.put(name, c);
        try {
            c.start();
        } catch (RuntimeException e) {
            throw new StackStartException("container " + name + " (" + image + ") did not start: " + e.getMessage()
                + "; see " + log, e);
        }
    }

    /** A container that joins its region's WAN networks (with its fixed address on each) before it starts. */
    private static final class WanAttachedContainer extends GenericContainer<WanAttachedContainer> {
        /** Network id to the container's address on it. */
        private final Map<String, String> wan;
        private final String alias;

        WanAttachedContainer(DockerImageName image, Map<String, String> wan, String alias) {
            super(image);
            this.wan = Map.copyOf(wan);
            this.alias = alias;
        }

        @Override
        protected void containerIsCreated(String containerId) {
            wan.forEach((networkId, address) -> getDockerClient().connectToNetworkCmd().withNetworkId(networkId)
                .withContainerId(containerId).withContainerNetwork(new ContainerNetwork().withAliases(alias)
                    .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)))
                .exec());
        }
    }

    private static synchronized void append(Path log, String text) {
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a log line lost is not worth failing the run for
        }
    }

    private void awaitHttp(String name, URI url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ok(url)) {
            GenericContainer<?> c = containers.get(name);
            if (c != null && !c.isRunning()) {
                throw new StackStartException("container " + name + " exited during start; see "
                    + runDir.resolve("logs").resolve(name + ".log"));
            }
            if (System.nanoTime() > deadline) {
                throw new StackStartException("container " + name + " not healthy within " + timeout.toSeconds()
                    + "s (" + url + "); see " + runDir.resolve("logs").resolve(name + ".log"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + name);
            }
        }
    }

    private boolean ok(URI url) {
        try {
            return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code logs/docker-stack.json}: where everything is (per region: network, subnet, entrypoints; per container:
     * region address and its address on each WAN network), for a person reading the logs and for checks after the run.
     */
    private void writeLayout() {
        var root = JSON.createObjectNode().put("runId", runId);
        var regionsNode = root.putObject("regions");
        for (String region : regions) {
            var r = regionsNode.putObject(region);
            r.put("network", "chaos-" + runId + "-" + region).put("subnet", subnet(region) + ".0/24");
            var entry = r.putArray("entrypoints");
            topology.entrypointLinks().stream().filter(l -> linkRegion(l).equals(region))
                .forEach(l -> entry.add("http://" + regionIp.get(proxyName(linkRegion(l))) + ":" + l.listen().port()));
        }
        var c = root.putObject("containers");
        for (String name : new java.util.TreeSet<>(regionIp.keySet())) {
            var wan = c.putObject(name).put("region", containerRegion.get(name)).put("address", regionIp.get(name))
                .putObject("wanAddresses");
            for (String other : regions) {
                if (!other.equals(containerRegion.get(name))) {
                    wan.put(pairName(containerRegion.get(name), other), wanAddress(name, other));
                }
            }
        }
        try {
            Files.writeString(runDir.resolve("logs").resolve("docker-stack.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            LOG.warn("cannot write docker-stack.json: {}", e.toString());
        }
    }

    /**
     * Every 500 ms, what each engine says it is, to {@code logs/engine-roles.jsonl} (one line per sample:
     * {@code {"t": epochMs, "roles": {"engine-r1": "LEADER", ...}, "raft": {...}}}; an engine that does not answer is
     * absent, and {@code raft} is there when the engines' health says where their logs stand), so a partition's leaders
     * and a replica's catch-up can be checked after the run.
     */
    private void sampleRoles() {
        Path file = runDir.resolve("logs").resolve("engine-roles.jsonl");
        roleSampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-roles");
            t.setDaemon(true);
            return t;
        });
        roleSampler.scheduleWithFixedDelay(() -> {
            Map<String, String> roles = new java.util.TreeMap<>();
            Map<String, JsonNode> raft = new java.util.TreeMap<>();
            topology.services(ServiceKind.ENGINE).parallelStream().forEach(s -> health(s).ifPresent(h -> {
                synchronized (roles) {
                    roles.put(s.name(), h.path("role").asText());
                    if (h.has("raft")) {
                        raft.put(s.name(), h.get("raft"));
                    }
                }
            }));
            var line = JSON.createObjectNode().put("t", System.currentTimeMillis());
            line.set("roles", JSON.valueToTree(roles));
            if (!raft.isEmpty()) {
                // where each replica's log stands (the staged exchange's engines say): a follower that stops catching
                // up after a partition shows here
                line.set("raft", JSON.valueToTree(raft));
            }
            append(file, line + "\n");
        }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    // ---- the Stack ----

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public String backend() {
        return DockerBackend.NAME;
    }

    @Override
    public <T> Optional<T> facet(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** The API of the proxy container holding {@code link}: each region's proxy holds the links into that region. */
    @Override
    public String proxyApi(String link) {
        Link l = topology.link(link).orElseThrow(() -> new IllegalArgumentException("no link [" + link + "] in " + topology.name()));
        return "http://" + regionIp.get(proxyName(linkRegion(l))) + ":" + PROXY_API_PORT;
    }

    @Override
    public DnsFaultClient dns() {
        return dnsServer.client();
    }

    @Override
    public List<URI> entrypoints() {
        return topology.entrypointLinks().stream()
            .map(l -> URI.create("http://" + regionIp.get(proxyName(linkRegion(l))) + ":" + l.listen().port())).toList();
    }

    @Override
    public List<URI> replicas() {
        return topology.services(ServiceKind.ENGINE).stream().map(s -> serviceUrl(s.name())).toList();
    }

    @Override
    public URI serviceUrl(String service) {
        Service s = topology.service(service).orElseThrow(() ->
            new IllegalArgumentException("no service [" + service + "] in topology " + topology.name()));
        return URI.create("http://" + regionIp.get(s.name()) + ":" + s.listen().port());
    }

    @Override
    public Optional<String> leaderService() {
        Map<String, URI> health = new LinkedHashMap<>();
        topology.services(ServiceKind.ENGINE).forEach(s -> health.put(s.name(), fromHarness(s.health())));
        return LeaderQuestion.ask(http, health, Duration.ofMillis(500));
    }

    /** What each engine says it is now (LEADER, FOLLOWER, CANDIDATE…), for those that answer. */
    public Map<String, String> engineRoles() {
        Map<String, String> roles = new LinkedHashMap<>();
        for (Service s : topology.services(ServiceKind.ENGINE)) {
            health(s).ifPresent(h -> roles.put(s.name(), h.path("role").asText()));
        }
        return roles;
    }

    private Optional<JsonNode> health(Service s) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(fromHarness(s.health()))
                .timeout(Duration.ofMillis(500)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(JSON.readTree(r.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The container running {@code service}. */
    @Override
    public ContainerRef container(String service) {
        GenericContainer<?> c = containers.get(service);
        if (c == null) {
            throw new IllegalArgumentException("no container for [" + service + "]; containers: " + containers.keySet());
        }
        return new ContainerRef(service, c.getContainerId());
    }

    /** The containers of a region's services (not its proxy: it is the network, not the region's workload). */
    @Override
    public List<ContainerRef> containersIn(String region) {
        List<ContainerRef> refs = topology.servicesIn(region).stream().map(s -> container(s.name())).toList();
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("no services in region [" + region + "]; regions: " + regions);
        }
        return refs;
    }

    /** Every attachment of a region's containers (its proxy included) to its WAN networks: cutting them isolates it. */
    @Override
    public List<Attachment> wanAttachments(String region) {
        checkRegion(region);
        List<Attachment> out = new ArrayList<>();
        for (String other : regions) {
            if (!other.equals(region)) {
                out.addAll(attachments(region, other));
            }
        }
        return out;
    }

    /**
     * The attachments of both regions' containers to the WAN network they share: cutting them partitions exactly
     * these two regions from each other, while each still reaches every other region.
     */
    @Override
    public List<Attachment> pairAttachments(String a, String b) {
        checkRegion(a);
        checkRegion(b);
        if (a.equals(b)) {
            throw new IllegalArgumentException("a partition between regions needs two regions, got [" + a + "] twice");
        }
        List<Attachment> out = new ArrayList<>(attachments(a, b));
        out.addAll(attachments(b, a));
        return out;
    }

    /** The attachments of {@code region}'s containers to the WAN network it shares with {@code other}. */
    private List<Attachment> attachments(String region, String other) {
        String network = networks.get(pairName(region, other)).getId();
        List<Attachment> out = new ArrayList<>();
        for (Map.Entry<String, GenericContainer<?>> e : containers.entrySet()) {
            if (region.equals(containerRegion.get(e.getKey()))) {
                out.add(new Attachment(new ContainerRef(e.getKey(), e.getValue().getContainerId()), network,
                    List.of(e.getKey()), wanAddress(e.getKey(), other)));
            }
        }
        return out;
    }

    private void checkRegion(String region) {
        if (!regions.contains(region)) {
            throw new IllegalArgumentException("no containers in region [" + region + "]; regions: " + regions);
        }
    }

    public String runId() {
        return runId;
    }

    public Path runDir() {
        return runDir;
    }

    /** Removes every container (gateways first), then the networks, then DNS. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (roleSampler != null) {
            roleSampler.shutdownNow();
            try {
                roleSampler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> names = new ArrayList<>(containers.keySet());
        Collections.reverse(names);
        for (String name : names) {
            GenericContainer<?> c = containers.get(name);
            try {
                if (c.getContainerId() != null) {
                    docker.removeContainerCmd(c.getContainerId()).withForce(true).withRemoveVolumes(true).exec();
                }
            } catch (RuntimeException e) {
                LOG.warn("removing container {} failed: {}", name, e.toString());
            }
        }
        for (Network n : networks.values()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("removing network failed: {}", e.toString());
            }
        }
        if (dnsServer != null) {
            dnsServer.close();
        }
    }
}
