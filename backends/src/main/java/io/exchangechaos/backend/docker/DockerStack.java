package io.exchangechaos.backend.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.backend.LeaderQuestion;
import io.exchangechaos.backend.StackClasspath;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.ledger.FaultRecorder;
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
import io.exchangechaos.server.proxy.ToxiproxyServerMain;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.testcontainers.utility.DockerImageName;

/**
 * The container backend: the same topology file, every service in its own container (Testcontainers), built from
 * images made on this machine ({@link StackImages}), on networks and at addresses the {@link DockerNetworkPlan} fixes
 * from the topology alone. This class keeps the containers' lifecycle: the networks made, the harness's DNS fault
 * server answering each region as the plan says ({@link AnswerView}), a proxy container per region, the services, each
 * waited for through its health URL (a Testcontainers {@link HttpWaitStrategy}), and their removal. Containers and
 * networks are labelled with the run's id and the harness process ({@link Docker#RUN_LABEL}, {@link Docker#OWNER_LABEL});
 * {@code ./chaos cleanup} removes those of a dead run.
 */
public final class DockerStack implements Stack, Containers, ProxyApis, DnsControl {
    private static final Logger LOG = LoggerFactory.getLogger(DockerStack.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a starting container's health URL is asked. */
    private static final int HEALTH_CHECKS_PER_SECOND = 5;

    private final Topology topology;
    private final DockerNetworkPlan plan;
    private final Path runDir;
    private final String runId;
    private final DockerClient docker;
    private final Map<String, String> labels;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final Map<String, Network> networks = new LinkedHashMap<>();
    /** Container name (service or "proxy-REGION") to its running container. */
    private final Map<String, GenericContainer<?>> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private DnsFaultServer dnsServer;
    private ScheduledExecutorService roleSampler;
    private boolean closed;

    private DockerStack(DockerNetworkPlan plan, Path runDir, String runId, DockerClient docker) {
        this.topology = plan.topology();
        this.plan = plan;
        this.runDir = runDir;
        this.runId = runId;
        this.docker = docker;
        this.labels = Map.of(Docker.RUN_LABEL, runId, Docker.OWNER_LABEL, ContainerSweep.selfOwner());
    }

    /** Options: the images (built when missing) and how long to wait for health. */
    public record Options(Duration healthTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(120));
        }
    }

    public static DockerStack start(Topology topology, Weakness weakness, Path runDir, FaultRecorder recorder, Options options) {
        DockerNetworkPlan plan = new DockerNetworkPlan(topology);
        DockerClient docker = Docker.client();
        String runId = "r" + Long.toString(System.currentTimeMillis(), 36);
        DockerStack stack = new DockerStack(plan, runDir, runId, docker);
        try {
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

    // ---- start ----

    private void startNetworks() {
        for (Map.Entry<String, String> net : plan.networks().entrySet()) {
            String name = net.getKey();
            boolean wan = plan.isWan(name);
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
                dns = dns.withRecord(record.name(), record.addresses().stream().map(plan::recordAddress).toArray(String[]::new));
            }
            dnsServer = DnsFaultServer.start(dns, plan::answer);
        } catch (IOException e) {
            throw new StackStartException("cannot start the DNS fault server for the containers: " + e.getMessage(), e);
        }
    }

    private void startProxies(String image) {
        List<String> withLinks = plan.regionsWithLinks();
        together(withLinks, region -> start(DockerNetworkPlan.proxyName(region), image, List.of(StackImages.JAVA,
            "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", StackImages.classpathInImage(),
            // 0.0.0.0 inside the container: the region's services reach its proxy over the region's network
            ToxiproxyServerMain.class.getName(), "--host", "0.0.0.0", "--allow-remote-targets",
            "--port", String.valueOf(DockerNetworkPlan.PROXY_API_PORT))));
        for (String region : withLinks) {
            List<Link> links = topology.links().stream().filter(l -> plan.linkRegion(l).equals(region)).toList();
            String name = DockerNetworkPlan.proxyName(region);
            URI api = URI.create("http://" + plan.regionIp(name) + ":" + DockerNetworkPlan.PROXY_API_PORT);
            awaitHealthy(name, api.resolve("/version"), Duration.ofSeconds(60));
            ToxiproxyClient client = new ToxiproxyClient(api.getHost(), api.getPort());
            for (Link l : links) {
                try {
                    ControlCalls.run(ControlCalls.DEFAULT, "Toxiproxy API", api.toString(), "POST /proxies",
                        () -> client.createProxy(l.name(), "0.0.0.0:" + l.listen().port(),
                            plan.regionIp(l.to()) + ":" + l.upstream().port()));
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
                } catch (NotFoundException e) {
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
            together(batch, s ->
                start(s.name(), s.image().orElse(image), s.command(vars).stream()
                    .map(a -> plan.rewrite(s, a, dnsServer.udpAddress().getPort())).toList()));
            for (Service s : batch) {
                awaitHealthy(s.name(), plan.fromHarness(s.health()), timeout);
            }
        }
        LOG.info("stack {} up in containers: {} services, {} proxies, networks {}", topology.name(),
            topology.services().size(), topology.links().size(), networks.keySet());
    }

    /**
     * Runs {@code action} on every item at once, each on its own thread, and returns when all are done, throwing the
     * first failure. Not a parallel stream: on a machine of two cores the common pool runs two at a time, and these
     * calls mostly wait on the Docker engine. (Removal keeps its parallel stream: removing every container at once
     * once left a WAN network behind that its removal had found still in use.)
     */
    static <T> void together(List<T> items, Consumer<T> action) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(items.size(), r -> {
            Thread t = new Thread(r, "docker-stack");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = items.stream().<Future<?>>map(i -> pool.submit(() -> action.accept(i))).toList();
            RuntimeException first = null;
            boolean interrupted = false;
            for (Future<?> f : done) {
                while (true) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (first == null) {
                            first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                        }
                    } catch (InterruptedException e) {
                        // every call started is waited for: a container started unseen would be left behind
                        interrupted = true;
                        continue;
                    }
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
        }
    }

    private void start(String name, String image, List<String> command) {
        String region = plan.regionOfContainer(name);
        Network regionNet = networks.get(region);
        Map<String, String> wan = new LinkedHashMap<>();
        for (String other : plan.regions()) {
            if (!other.equals(region)) {
                wan.put(networks.get(plan.pairName(region, other)).getId(), plan.wanAddress(name, other));
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
                .withIpv4Address(plan.regionIp(name)))
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

    /**
     * Waits for {@code url} (on the container's own address, as the harness reaches it) to answer 200, with
     * Testcontainers' HTTP wait strategy; fails as soon as the container exits, naming its log.
     */
    private void awaitHealthy(String name, URI url, Duration timeout) {
        GenericContainer<?> c = containers.get(name);
        Path log = runDir.resolve("logs").resolve(name + ".log");
        HttpWaitStrategy health = Wait.forHttp(url.getRawPath()).forPort(url.getPort()).forStatusCode(200)
            .withReadTimeout(Duration.ofSeconds(1));
        health.withStartupTimeout(timeout);
        health.withRateLimiter(RateLimiterBuilder.newBuilder().withRate(HEALTH_CHECKS_PER_SECOND, TimeUnit.SECONDS)
            .withConstantThroughput().build());
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                health.waitUntilReady(new AtAddress(c, url.getHost(), url.getPort()));
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "await-" + name);
        waiting.setDaemon(true);
        waiting.start();
        try {
            while (waiting.isAlive()) {
                waiting.join(200);
                if (waiting.isAlive() && c != null && !c.isRunning()) {
                    waiting.interrupt();
                    throw new StackStartException("container " + name + " exited during start; see " + log);
                }
            }
        } catch (InterruptedException e) {
            waiting.interrupt();
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while waiting for " + name);
        }
        if (failed.get() != null) {
            throw new StackStartException("container " + name + " not healthy within " + timeout.toSeconds() + "s (" + url
                + "); see " + log, failed.get());
        }
    }

    /**
     * A container as a wait strategy sees it, at the address and port the harness reaches it on directly (its fixed
     * region address; no port is published).
     */
    private record AtAddress(GenericContainer<?> container, String host, int port) implements WaitStrategyTarget {
        @Override
        public String getHost() {
            return host;
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return originalPort;
        }

        @Override
        public List<Integer> getExposedPorts() {
            return List.of(port);
        }

        @Override
        public InspectContainerResponse getContainerInfo() {
            return container.getContainerInfo();
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }
    }

    /**
     * {@code logs/docker-stack.json}: where everything is (per region: network, subnet, entrypoints; per container:
     * region address and its address on each WAN network), for a person reading the logs and for checks after the run.
     */
    private void writeLayout() {
        try {
            Files.writeString(runDir.resolve("logs").resolve("docker-stack.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.layout(runId)));
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
        roleSampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-roles");
            t.setDaemon(true);
            return t;
        });
        roleSampler.scheduleWithFixedDelay(() -> {
            Map<String, String> roles = new TreeMap<>();
            Map<String, JsonNode> raft = new TreeMap<>();
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
        }, 0, 500, TimeUnit.MILLISECONDS);
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

    /** The API of the proxy container holding {@code link}: each region's proxy holds the links into that region. */
    @Override
    public String proxyApi(String link) {
        return plan.proxyApi(topology.link(link).orElseThrow(() ->
            new IllegalArgumentException("no link [" + link + "] in " + topology.name())));
    }

    @Override
    public DnsFaultClient dns() {
        return dnsServer.client();
    }

    @Override
    public List<URI> entrypoints() {
        return plan.entrypoints();
    }

    @Override
    public List<URI> replicas() {
        return topology.services(ServiceKind.ENGINE).stream().map(s -> serviceUrl(s.name())).toList();
    }

    @Override
    public URI serviceUrl(String service) {
        Service s = topology.service(service).orElseThrow(() ->
            new IllegalArgumentException("no service [" + service + "] in topology " + topology.name()));
        return plan.serviceUrl(s);
    }

    @Override
    public Optional<String> leaderService() {
        Map<String, URI> health = new LinkedHashMap<>();
        topology.services(ServiceKind.ENGINE).forEach(s -> health.put(s.name(), plan.fromHarness(s.health())));
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
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(plan.fromHarness(s.health()))
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
            throw new IllegalArgumentException("no services in region [" + region + "]; regions: " + plan.regions());
        }
        return refs;
    }

    /** Every attachment of a region's containers (its proxy included) to its WAN networks: cutting them isolates it. */
    @Override
    public List<Attachment> wanAttachments(String region) {
        checkRegion(region);
        List<Attachment> out = new ArrayList<>();
        for (String other : plan.regions()) {
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
        String network = networks.get(plan.pairName(region, other)).getId();
        List<Attachment> out = new ArrayList<>();
        for (Map.Entry<String, GenericContainer<?>> e : containers.entrySet()) {
            if (region.equals(plan.regionOfContainer(e.getKey()))) {
                out.add(new Attachment(new ContainerRef(e.getKey(), e.getValue().getContainerId()), network,
                    List.of(e.getKey()), plan.wanAddress(e.getKey(), other)));
            }
        }
        return out;
    }

    private void checkRegion(String region) {
        if (!plan.regions().contains(region)) {
            throw new IllegalArgumentException("no containers in region [" + region + "]; regions: " + plan.regions());
        }
    }

    /** Where everything of this stack sits: networks, subnets, every container's addresses. */
    public DockerNetworkPlan plan() {
        return plan;
    }

    public String runId() {
        return runId;
    }

    public Path runDir() {
        return runDir;
    }

    /** Removes every container (the gateways first, together; then the rest, together), then the networks, then DNS. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (roleSampler != null) {
            roleSampler.shutdownNow();
            try {
                roleSampler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long t0 = System.nanoTime();
        // a dozen forced removals one after another were most of the stack's stop
        List<String> gateways = topology.services(ServiceKind.GATEWAY).stream().map(Service::name)
            .filter(containers::containsKey).toList();
        List<String> others = containers.keySet().stream().filter(n -> !gateways.contains(n)).toList();
        for (List<String> batch : List.of(gateways, others)) {
            batch.parallelStream().forEach(this::remove);
        }
        long t1 = System.nanoTime();
        for (Network n : networks.values()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("removing network failed: {}", e.toString());
            }
        }
        long t2 = System.nanoTime();
        if (dnsServer != null) {
            dnsServer.close();
        }
        LOG.info("stack {} removed: containers in {} ms, networks in {} ms, DNS server stopped in {} ms", runId,
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }

    private void remove(String name) {
        GenericContainer<?> c = containers.get(name);
        try {
            if (c.getContainerId() != null) {
                docker.removeContainerCmd(c.getContainerId()).withForce(true).withRemoveVolumes(true).exec();
            }
        } catch (RuntimeException e) {
            LOG.warn("removing container {} failed: {}", name, e.toString());
        }
    }
}
