package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.core.ledger.ProcStat;
import io.exchangechaos.fault.config.ConfigRecipes;
import io.exchangechaos.fault.config.ConfigServiceClient;
import io.exchangechaos.fault.dependency.DependencyRecipes;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.fault.process.ProcessRecipes;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The harness under {@code kill -9}, on real {@code ./chaos run}s of {@code crash/every-fault-kind.yaml}: a toxic on
 * a proxy, a DNS fault, a frozen process, a WireMock fault and a bad config push, all in force at the moment of the
 * kill. The proxies live in a standalone {@code ./chaos proxy-server} (given with {@code --toxiproxy}), so the toxic
 * outlives the harness and its removal is seen through that server's API; the DNS server lives inside the harness
 * and dies with it, which the test proves by its port going silent and free.
 *
 * <p>Run A is killed; run B, the next run, heals A's leftovers before anything else (its stack takes the very ports
 * A's orphaned processes held) and says so; B is killed too, and {@code ./chaos cleanup} heals what B left: one
 * named assertion per fault kind, then nothing of either run is left running.
 */
class CrashRunIT {
    static final String SCENARIO = "crash/every-fault-kind.yaml";
    static final int PROXY_PORT = 18474;
    static final String PROXY_API = "http://127.0.0.1:" + PROXY_PORT;
    static final String FROZEN = "engine-r3";
    static final String DNS_NAME = "engine.r3.exchange.test";
    static final InetSocketAddress DNS = new InetSocketAddress("127.0.0.53", 10053);
    static final String CONFIG_URL = "http://127.0.0.30:8500";
    static final String CREDIT_CHECK_URL = "http://127.0.0.40:8600";
    /** Every address the stack's processes, proxies and DNS listen on (exchange-stack/topologies/multi-region.yaml). */
    static final List<String> STACK_PORTS = List.of("127.0.0.30:8500", "127.0.0.40:8600", "127.0.0.31:8500",
        "127.0.0.41:8600", "127.0.1.10:8080", "127.0.2.10:8080", "127.0.3.10:8080", "127.0.1.11:8080",
        "127.0.2.11:8080", "127.0.3.11:8080", "127.0.1.20:9090", "127.0.2.20:9090", "127.0.3.20:9090",
        "127.0.1.20:9191", "127.0.2.20:9191", "127.0.3.20:9191", "127.0.1.21:9090", "127.0.2.21:9090",
        "127.0.3.21:9090", "127.0.1.21:9191", "127.0.2.21:9191", "127.0.3.21:9191");

    final Path work = Launcher.ROOT.resolve("cli/target/crash-it");
    final Path home = work.resolve("home");
    final Path ledgerFile = home.resolve(".exchange-chaos/ledger.jsonl");
    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void leaveNothingBehind() {
        started.forEach(Process::destroyForcibly);
        // whatever an assertion left half-done: the stack's ports are shared with every other suite on this machine
        if (Files.exists(ledgerFile)) {
            Cleanup.of(new FaultLedger(ledgerFile)).includingLiveRuns().run();
        }
    }

    @Test
    void killNineWithEveryFaultKindInForceThenTheNextRunAndCleanupHealEverything() throws Exception {
        // GIVEN a standalone proxy server that outlives any run, holding one proxy that is not the runs'
        deleteRecursively(work);
        Files.createDirectories(home);
        Path scenario = Path.of(CrashRunIT.class.getClassLoader().getResource(SCENARIO).toURI());
        Process proxyServer = start("proxy-server.log", "proxy-server", "--port", String.valueOf(PROXY_PORT));
        await("the proxy server answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> get(PROXY_API + "/version").isPresent());
        ToxiproxyClient proxies = new ToxiproxyClient("127.0.0.1", PROXY_PORT);
        proxies.createProxy("not-the-runs", "127.0.0.1:0", "127.0.0.1:9");

        // WHEN run A puts every fault kind in force ...
        long t0 = System.nanoTime();
        Process runA = startRun("run-a.log", scenario);
        InForce a = awaitEveryFaultInForce(runA, "run-a.log");
        System.out.printf("run A: every fault in force %.1f s after its start%n", (System.nanoTime() - t0) / 1e9);

        // ... and is killed with SIGKILL: no finally, no shutdown hook
        runA.destroyForcibly();
        assertThat(runA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runA.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        // THEN what outlives the harness is still in force ...
        assertThat(toxicsOn(proxies, "client-gateway-r3")).as("toxics left on the standalone proxy server")
            .containsExactlyInAnyOrderElementsOf(a.toxics());
        assertThat(a.stack().values()).as("stack processes orphaned by the kill").allSatisfy(p ->
            assertThat(ProcStat.isAlive(p.pid(), p.startTicks())).as("%s alive", p.name()).isTrue());
        assertThat(ProcStat.isStopped(a.stack().get(FROZEN).pid())).as(FROZEN + " still frozen").isTrue();
        assertThat(faultStubs()).as("WireMock fault stubs").contains(a.stubId());
        assertThat(new ConfigServiceClient(CONFIG_URL).current().version()).as("config in force").isEqualTo(a.pushedVersion());
        // ... and the DNS fault died with the harness, whose JVM served it: nothing answers on its port
        assertThat(dnsRcode()).as("DNS answer after the kill").isEmpty();

        // WHEN the next run starts
        t0 = System.nanoTime();
        Process runB = startRun("run-b.log", scenario);
        InForce b = awaitEveryFaultInForce(runB, "run-b.log");
        System.out.printf("run B: every fault in force %.1f s after its start%n", (System.nanoTime() - t0) / 1e9);

        // THEN it healed A's leftovers before anything else, and said so
        String printedB = Files.readString(work.resolve("run-b.log"));
        int healedAt = printedB.indexOf("healed leftovers of an earlier run before starting:");
        assertThat(healedAt).as(printedB).isNotNegative().isLessThan(printedB.indexOf("== starting the multi-region stack"));
        assertThat(printedB).containsPattern("HEALED +" + a.toxicFault() + " network.latency .*: removed toxics")
            .containsPattern("ALREADY_GONE +" + a.dnsFault() + " dns.nxdomain .*which is gone: the fault went with it")
            .containsPattern("HEALED +" + a.freezeFault() + " process.freeze .*: thawed " + FROZEN)
            .containsPattern("HEALED +" + a.stubFault() + " dependency.connection-reset .*: removed stub " + a.stubId())
            .containsPattern("HEALED +" + a.configFault() + " config.push .*: rolled config back")
            .containsPattern("HEALED +" + a.proxiesFault() + " stack.proxies .*: deleted proxies");
        assertThat(a.stack().values()).as("run A's processes").allSatisfy(p ->
            assertThat(ProcStat.isAlive(p.pid(), p.startTicks())).as("%s alive", p.name()).isFalse());

        // WHEN B is killed too, and ./chaos cleanup runs
        runB.destroyForcibly();
        assertThat(runB.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String goodConfig = Files.readString(b.configData().resolve("v000001.json"));
        t0 = System.nanoTime();
        Launcher.Result cleanup = Launcher.chaos(work, env(), Duration.ofMinutes(2), "cleanup");
        System.out.printf("cleanup after run B: %.1f s%n%s", (System.nanoTime() - t0) / 1e9, cleanup.out());

        // THEN it heals every fault ...
        assertThat(cleanup.exit()).as(cleanup.out() + cleanup.err()).isZero();
        assertThat(new FaultLedger(ledgerFile).unhealed()).as("unhealed ledger entries").isEmpty();
        String report = cleanup.out();

        // proxy toxic: removed through the standalone server's API, then the run's proxies went with its processes
        assertThat(report).containsPattern("HEALED +" + b.toxicFault() + " network.latency .*: removed toxics "
            + "\\[chaos-" + b.toxicFault() + "-up, chaos-" + b.toxicFault() + "-down]");
        assertThat(report).containsPattern("HEALED +" + b.proxiesFault() + " stack.proxies .*: deleted proxies");
        assertThat(proxies.getProxies()).as("proxies left on the standalone server").extracting(Proxy::getName)
            .containsExactly("not-the-runs");
        assertThat(proxyServer.isAlive()).as("the standalone proxy server is not the run's: it keeps running").isTrue();

        // DNS fault: its server was the harness's JVM, so it died with it; its port is silent and free
        assertThat(report).containsPattern("ALREADY_GONE +" + b.dnsFault() + " dns.nxdomain .*served by pid "
            + runB.pid() + ", which is gone: the fault went with it");
        assertThat(dnsRcode()).as("DNS answer after cleanup").isEmpty();
        assertThat(udpPortFree(DNS)).as("DNS port " + DNS + " free (udp)").isTrue();

        // frozen process: thawed first, so it could act on SIGTERM, then stopped with the rest of the stack
        long frozenPid = b.stack().get(FROZEN).pid();
        assertThat(report).containsPattern("HEALED +" + b.freezeFault() + " process.freeze .*: thawed " + FROZEN
            + " \\(pid " + frozenPid + "\\)");
        assertThat(report).contains("stopped " + FROZEN + " (pid " + frozenPid + ", SIGTERM)");

        // WireMock fault: its stub removed through the admin API before the dependency was stopped
        assertThat(report).containsPattern("HEALED +" + b.stubFault() + " dependency.connection-reset .*: removed stub "
            + b.stubId() + " from " + CREDIT_CHECK_URL);

        // bad config: rolled back before the config service was stopped; what it stored is the last known good
        assertThat(report).containsPattern("HEALED +" + b.configFault() + " config.push .*: rolled config back: v"
            + (b.pushedVersion() + 1) + " restores v1 over the pushed v" + b.pushedVersion());
        assertThat(Files.readString(newestVersion(b.configData()))).as("newest config stored").isEqualTo(goodConfig);

        // AND nothing of either run is left running: no process, no listener
        assertThat(b.stack().values()).as("run B's processes").allSatisfy(p ->
            assertThat(ProcStat.isAlive(p.pid(), p.startTicks())).as("%s alive", p.name()).isFalse());
        assertThat(processesMentioning(work.resolve("runs").toString())).as("processes of the runs").isEmpty();
        for (String address : STACK_PORTS) {
            assertThat(tcpPortFree(address)).as("port %s free", address).isTrue();
        }

        // AND a second cleanup has nothing to do
        Launcher.Result again = Launcher.chaos(work, env(), Duration.ofMinutes(1), "cleanup");
        assertThat(again.out()).contains("Nothing to heal.");
        assertThat(again.exit()).isZero();
    }

    /** The faults of one run, seen in force through the ledger and through each target's own API. */
    record InForce(Map<String, ProcessRecipes.StopProcess> stack, String toxicFault, List<String> toxics, String dnsFault,
                   String freezeFault, String stubFault, String stubId, String configFault, int pushedVersion,
                   String proxiesFault, Path configData) {
    }

    private InForce awaitEveryFaultInForce(Process run, String log) {
        FaultLedger ledger = new FaultLedger(ledgerFile);
        InForce[] seen = new InForce[1];
        await("every fault of the run in force (log: " + work.resolve(log) + ")").atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> {
                if (!run.isAlive()) {
                    throw new AssertionError("the run ended early:\n" + Files.readString(work.resolve(log)));
                }
                Map<String, LedgerEntry> byType = new LinkedHashMap<>();
                Map<String, ProcessRecipes.StopProcess> stack = new LinkedHashMap<>();
                for (LedgerEntry e : ledger.unhealed()) {
                    if (e.owner().pid() != run.pid()) {
                        continue;
                    }
                    byType.put(e.type(), e);
                    if (e.heal() instanceof ProcessRecipes.StopProcess stop && stop.pid() > 0) {
                        stack.put(stop.name(), stop);
                    }
                }
                if (stack.size() < 8 || !byType.keySet().containsAll(List.of("network.latency", "dns.nxdomain",
                    "process.freeze", "dependency.connection-reset", "config.push", "stack.proxies"))) {
                    return false;
                }
                var toxicRecipe = (NetworkRecipes.RemoveToxics) byType.get("network.latency").heal();
                var dnsRecipe = (DnsRecipes.RemoveDnsFault) byType.get("dns.nxdomain").heal();
                var thaw = (ProcessRecipes.ThawProcess) byType.get("process.freeze").heal();
                var stub = (DependencyRecipes.RemoveStub) byType.get("dependency.connection-reset").heal();
                var config = (ConfigRecipes.RollbackConfig) byType.get("config.push").heal();
                // in force, each asked of the thing itself
                boolean inForce = toxicsOn(new ToxiproxyClient("127.0.0.1", PROXY_PORT), toxicRecipe.proxy())
                        .containsAll(toxicRecipe.toxics())
                    && dnsRecipe.faultId() != null && dnsRcode().equals(Optional.of(Rcode.NXDOMAIN))
                    && ProcStat.isStopped(thaw.pid())
                    && faultStubs().contains(stub.stubId())
                    && config.pushedVersion() > 0
                    && new ConfigServiceClient(CONFIG_URL).current().version() == config.pushedVersion();
                if (inForce) {
                    String data = stack.get("config").command().get(stack.get("config").command().indexOf("--data") + 1);
                    seen[0] = new InForce(stack, byType.get("network.latency").id(), toxicRecipe.toxics(),
                        byType.get("dns.nxdomain").id(), byType.get("process.freeze").id(),
                        byType.get("dependency.connection-reset").id(), stub.stubId(), byType.get("config.push").id(),
                        config.pushedVersion(), byType.get("stack.proxies").id(), Path.of(data));
                }
                return inForce;
            });
        assertThat(seen[0].stack().get(FROZEN).pid()).isEqualTo(((ProcessRecipes.ThawProcess) new FaultLedger(ledgerFile)
            .entry(seen[0].freezeFault()).orElseThrow().heal()).pid());
        return seen[0];
    }

    private Process startRun(String log, Path scenario) throws IOException {
        return start(log, "run", scenario.toString(), "--toxiproxy", PROXY_API, "--out", work.resolve("runs").toString());
    }

    private Process start(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Launcher.ROOT.resolve("chaos").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
            .redirectOutput(work.resolve(log).toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("CHAOS_NO_BUILD", "1");
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(env());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private Map<String, String> env() {
        return Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home);
    }

    private static List<String> toxicsOn(ToxiproxyClient client, String proxy) throws IOException {
        Proxy p = client.getProxyOrNull(proxy);
        return p == null ? List.of() : p.toxics().getAll().stream().map(t -> t.getName()).toList();
    }

    /** Ids of the WireMock stubs that answer with a fault now. */
    private List<String> faultStubs() throws IOException {
        Optional<String> body = get(CREDIT_CHECK_URL + "/__admin/mappings");
        List<String> ids = new ArrayList<>();
        if (body.isPresent()) {
            for (JsonNode m : new ObjectMapper().readTree(body.get()).path("mappings")) {
                if (m.path("response").has("fault")) {
                    ids.add(m.path("id").asText());
                }
            }
        }
        return ids;
    }

    /** The rcode the stack's DNS port gives for {@link #DNS_NAME}; empty when nothing answers. */
    private static Optional<Integer> dnsRcode() {
        try {
            SimpleResolver resolver = new SimpleResolver(DNS);
            resolver.setTimeout(Duration.ofSeconds(1));
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(DNS_NAME + "."), Type.A, DClass.IN)));
            return Optional.of(answer.getRcode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path newestVersion(Path configData) throws IOException {
        try (Stream<Path> files = Files.list(configData)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d{6}\\.json"))
                .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
    }

    private static boolean tcpPortFree(String address) {
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpPortFree(InetSocketAddress address) {
        try (DatagramSocket s = new DatagramSocket(address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Live processes whose command line names {@code text} (every stack process has its run directory in it). */
    static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(text) && !cmd.contains("surefire") && !cmd.contains("failsafe")) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException gone) {
                    // exited while listing
                }
            }
        }
        return found;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
