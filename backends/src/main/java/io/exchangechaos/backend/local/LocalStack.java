package io.exchangechaos.backend.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.backend.HealthWait;
import io.exchangechaos.backend.LeaderQuestion;
import io.exchangechaos.backend.StackClasspath;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.ledger.FaultInjectionException;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.ServiceKind;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.fault.discovery.DnsControl;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.fault.network.ProxyApis;
import io.exchangechaos.fault.process.ManagedProcess;
import io.exchangechaos.fault.process.ProcessGroup;
import io.exchangechaos.fault.process.ProcessSpec;
import io.exchangechaos.fault.process.ProcessTable;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local-process backend: every service of the topology is its own OS process on its region's loopback
 * addresses, every link goes through a proxy of the (embedded or external) Toxiproxy, and names are answered by
 * the harness's DNS fault server. Services are started in dependency order and waited for through their health
 * URLs; anything that does not come up within the timeout makes the start fail with the service's name and log.
 */
public final class LocalStack implements Stack, ProcessTable, ProxyApis, DnsControl {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARCHIVE_WRITE_GRACE = Duration.ofSeconds(20);

    private final Topology topology;
    private final Path runDir;
    private final FaultRecorder recorder;
    private final Map<String, String> vars;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final HealthWait health = new HealthWait();
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private ToxiproxyServer embeddedProxy;
    /** The ledger entry that deletes the stack's proxies from an external Toxiproxy; null with the embedded one. */
    private io.exchangechaos.core.ledger.InjectedFault proxiesLease;
    private String toxiproxyUrl;
    private DnsFaultServer dnsServer;
    private final Optional<StackClassArchives> archives;
    private boolean closed;
    private final int niceness;

    private LocalStack(Topology topology, Path runDir, FaultRecorder recorder, Weakness weakness) {
        this.topology = topology;
        this.runDir = runDir;
        this.recorder = recorder;
        this.vars = Map.of(
            "java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "stack.classpath", StackClasspath.resolve(),
            "runDir", runDir.toAbsolutePath().toString(),
            "weakness", weakness.id());
        this.archives = StackClassArchives.forClasspath(vars.get("stack.classpath"), vars.get("java"));
        this.niceness = stackNiceness();
    }

    /** Options: an external Toxiproxy to use instead of the embedded one, and how long to wait for health. */
    public record Options(Optional<URI> externalToxiproxy, Duration healthTimeout) {
        public static Options defaults() {
            return new Options(Optional.empty(), Duration.ofSeconds(60));
        }
    }

    public static LocalStack start(Topology topology, Weakness weakness, Path runDir, FaultRecorder recorder, Options options) {
        LocalStack stack = new LocalStack(topology, runDir, recorder, weakness);
        try {
            stack.startInfrastructure(options);
            stack.startServices(options.healthTimeout());
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure(Options options) {
        try {
            if (options.externalToxiproxy().isPresent()) {
                toxiproxyUrl = options.externalToxiproxy().get().toString().replaceAll("/$", "");
            } else {
                URI api = topology.proxyApi();
                embeddedProxy = ToxiproxyServer.start(api.getHost(), api.getPort());
                toxiproxyUrl = embeddedProxy.apiUrl();
            }
            URI api = URI.create(toxiproxyUrl);
            if (api.getHost() == null || api.getPort() < 1 || api.getPort() > 65_535) {
                // refused before anything is recorded: an entry no cleanup could ever heal would stay in the ledger
                throw new StackStartException("the Toxiproxy API [" + toxiproxyUrl + "] is no address a server can listen"
                    + " on (it needs a host and a port from 1 to 65535)", null);
            }
            ToxiproxyClient client = new ToxiproxyClient(api.getHost(), api.getPort());
            if (embeddedProxy != null) {
                createProxies(client);
            } else {
                // an external Toxiproxy outlives the run: its proxies (and their ports) are the run's to remove, even
                // after a crash
                List<String> names = topology.links().stream().map(Link::name).toList();
                FaultRecorder.Plan plan = recorder.plan("stack.proxies", "proxies " + names + " at " + toxiproxyUrl,
                    id -> new NetworkRecipes.DeleteProxies(toxiproxyUrl, names));
                proxiesLease = recorder.inject(plan, refine -> createProxies(client));
            }
            DnsServerConfig dns = DnsServerConfig.forZone(topology.domain())
                .withDnsListen(new InetSocketAddress(topology.dns().listen().host(), topology.dns().listen().port()))
                .withControlListen(new InetSocketAddress("127.0.0.1", 0))
                .withTtl(topology.dns().ttl())
                .withQueryLogFile(runDir.resolve("dns-queries.jsonl"));
            for (var record : topology.records()) {
                dns = dns.withRecord(record.name(), record.addresses().toArray(String[]::new));
            }
            dnsServer = DnsFaultServer.start(dns);
        } catch (IOException | FaultInjectionException e) {
            throw new StackStartException("could not start the stack's proxies and DNS (" + e.getMessage()
                + "); is another run or `./chaos stack up` still holding " + topology.proxyApi() + " or "
                + topology.dns().listen() + "? Stop it or run `./chaos cleanup`", e);
        }
    }

    /** Each call given up after {@link ControlCalls#DEFAULT}: a hung Toxiproxy fails the start, never holds it. */
    private void createProxies(ToxiproxyClient client) throws IOException {
        for (Link link : topology.links()) {
            String path = "/proxies/" + link.name();
            Proxy existing = ControlCalls.within(ControlCalls.DEFAULT, "Toxiproxy API", toxiproxyUrl, "GET " + path,
                () -> client.getProxyOrNull(link.name()));
            if (existing != null) {
                ControlCalls.run(ControlCalls.DEFAULT, "Toxiproxy API", toxiproxyUrl, "DELETE " + path, () -> {
                    existing.delete();
                    return null;
                });
            }
            ControlCalls.run(ControlCalls.DEFAULT, "Toxiproxy API", toxiproxyUrl, "POST /proxies",
                () -> client.createProxy(link.name(), link.listen().toString(), link.upstream().toString()));
        }
    }

    private void startServices(Duration timeout) {
        try {
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            throw new StackStartException("cannot create " + runDir.resolve("logs") + ": " + e.getMessage(), e);
        }
        // the control plane and the engines first (independent of each other), then the gateways that need them
        List<Service> first = topology.services().stream().filter(s -> s.kind() != ServiceKind.GATEWAY).toList();
        List<Service> gateways = topology.services(ServiceKind.GATEWAY);
        first.forEach(this::launch);
        awaitHealthy(first, timeout);
        gateways.forEach(this::launch);
        awaitHealthy(gateways, timeout);
        LOG.info("stack {} up: {} services, {} proxies, DNS on {}", topology.name(), processes.size(),
            topology.links().size(), topology.dns().listen());
    }

    /**
     * How much lower the stack's processes run than the harness (nice(1) increments; 0 for the same): on a machine
     * the stack shares with the harness, the load generator, the proxies in every link and the fault injectors must not
     * queue for a core behind the system they measure. {@code CHAOS_STACK_NICE} overrides it.
     */
    static int stackNiceness() {
        return stackNiceness(System.getenv("CHAOS_STACK_NICE"));
    }

    static int stackNiceness(String v) {
        if (v == null || v.isBlank()) {
            return DEFAULT_STACK_NICENESS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > 19) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StackStartException("CHAOS_STACK_NICE=[" + v + "] is not a niceness from 0 to 19; unset it or"
                + " write e.g. CHAOS_STACK_NICE=5", e);
        }
    }

    static final int DEFAULT_STACK_NICENESS = 0;

    private void launch(Service s) {
        List<String> command = s.command(vars);
        if (niceness > 0) {
            List<String> niced = new ArrayList<>(List.of("nice", "-n", Integer.toString(niceness)));
            niced.addAll(command);
            command = List.copyOf(niced);
        }
        ProcessSpec spec = ProcessSpec.of(s.name(), command, runDir.resolve("logs").resolve(s.name() + ".log"));
        if (archives.isPresent()) {
            spec = spec.withEnvironment(archives.get().environmentFor(s));
        }
        processes.put(s.name(), ManagedProcess.start(spec, recorder));
    }

    private void awaitHealthy(List<Service> services, Duration timeout) {
        Path logs = runDir.resolve("logs");
        health.await(services.stream().map(s -> new HealthWait.Service(s.name(), s.health(),
            () -> processes.get(s.name()).isAlive(), logs.resolve(s.name() + ".log"))).toList(), timeout, logs);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public String backend() {
        return LocalBackend.NAME;
    }

    /** The Toxiproxy API every link's proxy is controlled through. */
    public String toxiproxyUrl() {
        return toxiproxyUrl;
    }

    @Override
    public String proxyApi(String link) {
        return toxiproxyUrl;
    }

    @Override
    public DnsFaultClient dns() {
        return dnsServer.client();
    }

    @Override
    public List<URI> entrypoints() {
        return topology.entrypointLinks().stream().map(l -> URI.create("http://" + l.listen())).toList();
    }

    @Override
    public List<URI> replicas() {
        return topology.services(ServiceKind.ENGINE).stream().map(s -> URI.create("http://" + s.listen())).toList();
    }

    @Override
    public URI serviceUrl(String service) {
        return URI.create("http://" + topology.service(service).orElseThrow(() ->
            new IllegalArgumentException("no service [" + service + "] in topology " + topology.name())).listen());
    }

    @Override
    public Optional<String> leaderService() {
        Map<String, URI> health = new LinkedHashMap<>();
        topology.services(ServiceKind.ENGINE).forEach(s -> health.put(s.name(), s.health()));
        return LeaderQuestion.ask(http, health, Duration.ofMillis(500));
    }

    @Override
    public ManagedProcess process(String service) {
        ManagedProcess p = processes.get(service);
        if (p == null) {
            throw new IllegalArgumentException("no running service [" + service + "]; services: " + processes.keySet());
        }
        return p;
    }

    @Override
    public ProcessGroup region(String region) {
        List<ManagedProcess> members = topology.servicesIn(region).stream().map(s -> processes.get(s.name())).toList();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no services in region [" + region + "]; regions: " + topology.regions());
        }
        return ProcessGroup.of(region, members);
    }

    public Path runDir() {
        return runDir;
    }

    /** Stops the gateways (in parallel), then everything else (in parallel), then the proxies and DNS. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // each group in parallel (every process gets its own SIGTERM grace), gateways before what they call
        List<String> gateways = topology.services(ServiceKind.GATEWAY).stream().map(Service::name)
            .filter(processes::containsKey).toList();
        List<String> others = processes.keySet().stream().filter(n -> !gateways.contains(n)).toList();
        stopAll(gateways);
        stopAll(others);
        archives.ifPresent(a -> a.keep(name -> Optional.ofNullable(processes.get(name))
            .flatMap(ManagedProcess::process).filter(p -> !p.isAlive()).map(Process::exitValue)));
        if (dnsServer != null) {
            dnsServer.close();
        }
        if (embeddedProxy != null) {
            embeddedProxy.close();
        }
        if (proxiesLease != null) {
            HealResult deleted = proxiesLease.heal();
            if (!deleted.isHealthy()) {
                LOG.warn("could not delete the stack's proxies at {}: {}; ./chaos cleanup will try again", toxiproxyUrl,
                    deleted.detail());
            }
        }
    }

    private void stopAll(List<String> names) {
        List<Thread> stopping = new ArrayList<>();
        for (String name : names) {
            Thread t = new Thread(() -> {
                try {
                    ManagedProcess p = processes.get(name);
                    if (archives.isPresent() && archives.get().writesAtExit(name)) {
                        // writing the class archive at exit takes a few seconds more than the usual SIGTERM grace
                        p.process().filter(Process::isAlive).ifPresent(proc -> {
                            proc.destroy();
                            try {
                                proc.waitFor(ARCHIVE_WRITE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                    }
                    p.close();
                } catch (RuntimeException e) {
                    LOG.warn("stopping {} failed: {}", name, e.toString());
                }
            }, "stop-" + name);
            t.start();
            stopping.add(t);
        }
        boolean interrupted = false;
        for (Thread t : stopping) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;  // the stack must still be stopped; keep the flag for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
