package io.exchangechaos.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.core.ledger.ProcStat;
import io.exchangechaos.fault.config.ConfigServiceClient;
import io.exchangechaos.fault.config.ConfigServiceFixture;
import io.exchangechaos.fault.network.EchoServer;
import io.exchangechaos.fault.process.Heartbeat;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The promise of the ledger: a run that injected one fault of every kind and was then {@code kill -9}ed leaves
 * nothing behind that {@link Cleanup} cannot heal from the ledger alone.
 */
class CrashCleanupIT {
    static final String NAME = "engine.r1.exchange.test";

    @TempDir
    Path dir;

    final AutoCloser closer = new AutoCloser();

    @AfterEach
    void tearDown() {
        closer.closeAll();
    }

    @Test
    void everything_a_killed_run_left_behind_is_healed_by_cleanup() throws Exception {
        // GIVEN the real things: two proxies, a DNS server, a beating process, a WireMock dependency, a config service
        EchoServer echo = closer.add(new EchoServer());
        ToxiproxyServer toxiproxy = closer.add(ToxiproxyServer.start());
        ToxiproxyClient proxies = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
        Proxy slow = proxies.createProxy("slow", "127.0.0.1:" + freePort(), echo.address());
        Proxy cut = proxies.createProxy("cut", "127.0.0.1:" + freePort(), echo.address());
        DnsFaultServer dnsServer = closer.add(DnsFaultServer.start(DnsServerConfig.forZone("exchange.test").withRecord(NAME, "127.0.1.21")));
        DnsFaultClient dns = dnsServer.controlUri().map(DnsFaultClient::connect).orElseThrow();
        Path beat = dir.resolve("hb.beat");
        List<String> command = Heartbeat.command(beat);
        Process heartbeat = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("hb.log").toFile()).start();
        closer.add(() -> heartbeat.destroyForcibly());
        WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        closer.add(wireMock::stop);
        wireMock.stubFor(post(urlPathEqualTo("/credit-check")).atPriority(10)
            .willReturn(aResponse().withStatus(200).withBody("{\"approved\":true}")));
        ConfigServiceFixture configService = closer.add(ConfigServiceFixture.start(dir.resolve("config-data")));
        ConfigServiceClient config = new ConfigServiceClient(configService.url());
        String goodConfig = config.current().body();
        awaitBeating(beat);
        Path ledgerFile = dir.resolve("ledger.jsonl");

        // WHEN a run in another JVM injects one fault of each kind ...
        Path runLog = dir.resolve("run.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            CrashingRun.class.getName(),
            "ledger=" + ledgerFile, "toxiproxy=" + toxiproxy.apiUrl(), "slowProxy=slow", "cutProxy=cut",
            "dns=" + dns.baseUri(), "dnsName=" + NAME,
            "pid=" + heartbeat.pid(), "command=" + String.join("\u001f", command), "log=" + dir.resolve("hb.log"),
            "wiremock=" + wireMock.baseUrl(), "config=" + configService.url())
            .redirectErrorStream(true).redirectOutput(runLog.toFile()).start();
        closer.add(run::destroyForcibly);
        await("the run injects its faults (log: " + runLog + ")").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> {
                if (!run.isAlive()) {
                    throw new AssertionError("the run died early:\n" + Files.readString(runLog));
                }
                return Files.readString(runLog).contains(CrashingRun.INJECTED);
            });

        // ... which are really in force ...
        assertThat(roundTripMillis(slow)).isGreaterThanOrEqualTo(2_000);
        assertThatThrownBy(() -> roundTripMillis(cut)).isInstanceOf(IOException.class);
        assertThat(query(dnsServer).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ProcStat.isStopped(heartbeat.pid())).isTrue();
        assertThatThrownBy(() -> creditCheck(wireMock)).isInstanceOf(IOException.class);
        assertThat(new ObjectMapper().readTree(config.current().body()).path("metadataFormat").asInt()).isEqualTo(2);

        // ... and then is killed with SIGKILL: no finally, no shutdown hook
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        FaultLedger ledger = new FaultLedger(ledgerFile);
        assertThat(ledger.unhealed()).extracting(LedgerEntry::type).containsExactly("network.latency",
            "network.partition", "dns.nxdomain", "process.freeze", "dependency.connection-reset", "config.push");

        // AND cleanup runs with nothing but the ledger
        CleanupReport report = Cleanup.of(ledger).run();

        // THEN every fault is reported healed, in cleanup order ...
        assertThat(report.items()).allSatisfy(i -> assertThat(i.result().outcome()).as(i.toString()).isEqualTo(HealOutcome.HEALED));
        assertThat(report.items()).hasSize(6);
        assertThat(ledger.unhealed()).isEmpty();

        // ... and every proxy, DNS name, process, stub and config is healthy again
        assertThat(roundTripMillis(slow)).isLessThan(1_000);
        assertThat(roundTripMillis(cut)).isLessThan(1_000);
        assertThat(proxies.getProxy("slow").toxics().getAll()).isEmpty();
        Message answer = query(dnsServer);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(((ARecord) answer.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("127.0.1.21");
        assertThat(dns.faults()).isEmpty();
        awaitBeating(beat);
        assertThat(creditCheck(wireMock).body()).isEqualTo("{\"approved\":true}");
        assertThat(wireMock.getStubMappings()).hasSize(1);
        assertThat(config.current().body()).isEqualTo(goodConfig);

        // AND a second cleanup has nothing left to do
        assertThat(Cleanup.of(ledger).run().items()).isEmpty();
    }

    private static void awaitBeating(Path beat) {
        long from = Heartbeat.beat(beat);
        await("heartbeat advances").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
            .until(() -> Heartbeat.beat(beat) > from + 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static long roundTripMillis(Proxy proxy) throws IOException {
        String listen = proxy.getListen();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1))), 5_000);
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("ping".getBytes());
            InputStream in = socket.getInputStream();
            if (in.readNBytes(4).length != 4) {
                throw new IOException("connection closed before the echo");
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static Message query(DnsFaultServer server) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server.udpAddress());
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(NAME + "."), Type.A, DClass.IN)));
    }

    private static HttpResponse<String> creditCheck(WireMockServer wireMock) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .send(HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + "/credit-check")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Closes what a test opened, last first, whatever failed. */
    static final class AutoCloser {
        private final java.util.Deque<AutoCloseable> open = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T resource) {
            open.push(resource);
            return resource;
        }

        void closeAll() {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }
}
