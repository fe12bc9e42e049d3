package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.exchangechaos.fault.network.EchoServer;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import io.exchangechaos.server.dns.FaultHandle;
import io.exchangechaos.server.dns.FaultSpec;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Soak: the embedded Toxiproxy-compatible proxy and the DNS fault server under steady loopback traffic (TCP
 * request/echo through a proxy, on fresh and long-lived connections; DNS over UDP and TCP), with a proxy toxic and a
 * DNS fault injected and healed every 3 s. Heap (after GC), threads, file descriptors and sockets are sampled every
 * 10 s; once the traffic stops and the faults are healed, none may stay above the warmed-up baseline by more than a
 * small constant — a leak per connection, per query or per fault would grow with the run.
 *
 * <p>{@code mvn verify} runs it for 2 minutes; {@code -Dsoak.seconds=1800} for the 30-minute run in BENCHMARKS.md.
 */
class SoakIT {
    static final Duration RUN = Duration.ofSeconds(Long.getLong("soak.seconds", 120));
    static final Duration WARM_UP = Duration.ofSeconds(15);
    static final String NAME = "engine.r1.soak.test";

    record Sample(double second, double heapMb, int threads, int fds, int sockets) {
        @Override
        public String toString() {
            return String.format("t=%5.0fs heap=%6.1f MB threads=%3d fds=%4d sockets=%4d", second, heapMb, threads, fds, sockets);
        }
    }

    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong tcpOk = new AtomicLong();
    final AtomicLong tcpFailed = new AtomicLong();
    final AtomicLong dnsOk = new AtomicLong();
    final AtomicLong dnsFailed = new AtomicLong();
    final AtomicLong faultsInjected = new AtomicLong();

    @Test
    void proxyAndDnsServerHoldSteadyUnderTrafficAndTogglingFaults() throws Exception {
        long start = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        try (EchoServer echo = new EchoServer();
             ToxiproxyServer proxyServer = ToxiproxyServer.start("127.0.0.1", 0);
             DnsFaultServer dns = DnsFaultServer.start(DnsServerConfig.forZone("soak.test").withoutControlApi()
                 .withRecord(NAME, "127.0.1.21"))) {
            ToxiproxyClient client = new ToxiproxyClient(proxyServer.host(), proxyServer.port());
            Proxy proxy = client.createProxy("soak", "127.0.0.1:0", echo.address());
            String[] listen = proxy.getListen().split(":");
            InetSocketAddress through = new InetSocketAddress(listen[0], Integer.parseInt(listen[1]));

            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(worker("soak-short-" + i, () -> shortConnection(through)));
            }
            workers.add(worker("soak-long", () -> longConnection(through)));
            workers.add(worker("soak-dns-udp", () -> dnsQuery(dns, false)));
            workers.add(worker("soak-dns-tcp", () -> dnsQuery(dns, true)));
            workers.forEach(Thread::start);

            Sample baseline = null;
            long nextSample = start + WARM_UP.toNanos();
            long nextFault = start + Duration.ofSeconds(3).toNanos();
            int cycle = 0;
            while (System.nanoTime() - start < RUN.toNanos()) {
                if (System.nanoTime() >= nextFault) {
                    toggleFaults(proxy, dns, cycle++);
                    nextFault += Duration.ofSeconds(3).toNanos();
                }
                if (System.nanoTime() >= nextSample) {
                    Sample s = sample(start);
                    samples.add(s);
                    System.out.println("soak " + s + " | tcp ok " + tcpOk + " failed " + tcpFailed + " | dns ok " + dnsOk
                        + " failed " + dnsFailed + " | faults " + faultsInjected);
                    baseline = baseline == null ? s : baseline;
                    nextSample += Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(50);
            }
            running.set(false);
            for (Thread w : workers) {
                w.join(10_000);
                assertThat(w.isAlive()).as("%s stopped", w.getName()).isFalse();
            }
            for (var toxic : proxy.toxics().getAll()) {
                toxic.remove();
            }
            proxy.enable();
            dns.clearFaults();

            // THEN the traffic ran and the faults bit
            assertThat(tcpOk.get()).as("TCP round trips through the proxy").isGreaterThan(RUN.toSeconds() * 5);
            assertThat(dnsOk.get()).as("DNS answers").isGreaterThan(RUN.toSeconds() * 5);
            assertThat(tcpFailed.get()).as("TCP round trips broken by faults").isPositive();
            assertThat(dnsFailed.get()).as("DNS queries broken by faults").isPositive();
            // AND once quiet, nothing stays above the warmed-up baseline by more than a constant
            Sample base = baseline;
            List<Sample> end = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Sample s = sample(start);
                end.add(0, s);
                assertThat(s.threads()).as("threads, baseline %s", base).isLessThanOrEqualTo(base.threads() + 4);
                assertThat(s.fds()).as("file descriptors, baseline %s", base).isLessThanOrEqualTo(base.fds() + 16);
                assertThat(s.sockets()).as("sockets, baseline %s", base).isLessThanOrEqualTo(base.sockets() + 8);
                assertThat(s.heapMb()).as("heap after GC, baseline %s", base).isLessThanOrEqualTo(base.heapMb() + 48);
            });
            System.out.println("soak baseline " + base);
            System.out.println("soak end      " + end.get(0));
            System.out.println("soak totals: tcp ok " + tcpOk + " failed " + tcpFailed + ", dns ok " + dnsOk + " failed "
                + dnsFailed + ", fault toggles " + faultsInjected + ", max over the run: heap "
                + samples.stream().mapToDouble(Sample::heapMb).max().orElse(0) + " MB, threads "
                + samples.stream().mapToInt(Sample::threads).max().orElse(0) + ", fds "
                + samples.stream().mapToInt(Sample::fds).max().orElse(0) + ", sockets "
                + samples.stream().mapToInt(Sample::sockets).max().orElse(0));
        }
    }

    /** One proxy toxic (or a disabled proxy) and one DNS fault, for 1.5 s. */
    private void toggleFaults(Proxy proxy, DnsFaultServer dns, int cycle) throws Exception {
        String toxic = "soak-" + cycle;
        switch (cycle % 8) {
            case 0 -> proxy.toxics().latency(toxic, ToxicDirection.DOWNSTREAM, 100).setJitter(50);
            case 1 -> proxy.toxics().bandwidth(toxic, ToxicDirection.UPSTREAM, 8);
            case 2 -> proxy.toxics().timeout(toxic, ToxicDirection.DOWNSTREAM, 500);
            case 3 -> proxy.toxics().resetPeer(toxic, ToxicDirection.UPSTREAM, 0);
            case 4 -> proxy.toxics().slicer(toxic, ToxicDirection.DOWNSTREAM, 8, 1000);
            case 5 -> proxy.toxics().limitData(toxic, ToxicDirection.DOWNSTREAM, 100);
            case 6 -> proxy.toxics().slowClose(toxic, ToxicDirection.DOWNSTREAM, 500);
            default -> proxy.disable();
        }
        FaultSpec spec = switch (cycle % 6) {
            case 0 -> FaultSpec.nxdomain(NAME);
            case 1 -> FaultSpec.servfail(NAME);
            case 2 -> FaultSpec.empty(NAME);
            case 3 -> FaultSpec.drop(NAME);
            case 4 -> FaultSpec.latency(NAME, Duration.ofMillis(300));
            default -> FaultSpec.wrongAddress(NAME);
        };
        FaultHandle dnsFault = dns.inject(spec);
        faultsInjected.incrementAndGet();
        Thread.sleep(1_500);
        dns.heal(dnsFault.id());
        if (cycle % 8 == 7) {
            proxy.enable();
        } else {
            proxy.toxics().get(toxic).remove();
        }
    }

    private Thread worker(String name, Step step) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    step.run();
                } catch (Exception e) {
                    // counted by the step; keep the load steady
                    pause(20);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    interface Step {
        void run() throws Exception;
    }

    /** A fresh connection, five 64-byte round trips, closed. */
    private void shortConnection(InetSocketAddress through) throws IOException {
        try (Socket s = connect(through)) {
            for (int i = 0; i < 5; i++) {
                roundTrip(s);
            }
        } catch (IOException e) {
            tcpFailed.incrementAndGet();
            throw e;
        }
        pause(10);
    }

    /** One connection kept open, a round trip every 20 ms, reopened when a fault breaks it. */
    private void longConnection(InetSocketAddress through) throws IOException {
        try (Socket s = connect(through)) {
            while (running.get()) {
                roundTrip(s);
                pause(20);
            }
        } catch (IOException e) {
            tcpFailed.incrementAndGet();
            throw e;
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, 2_000);
            s.setSoTimeout(2_000);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void roundTrip(Socket s) throws IOException {
        byte[] payload = new byte[64];
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(payload);
        out.flush();
        int read = 0;
        while (read < payload.length) {
            int n = in.read(payload, read, payload.length - read);
            if (n < 0) {
                throw new IOException("closed after " + read + " bytes");
            }
            read += n;
        }
        tcpOk.incrementAndGet();
    }

    private void dnsQuery(DnsFaultServer dns, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(tcp ? dns.tcpAddress() : dns.udpAddress());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofMillis(500));
        Message answer;
        try {
            answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(NAME + "."), Type.A, 1)));
        } catch (IOException e) {
            dnsFailed.incrementAndGet();
            return;
        }
        if (answer.getRcode() == Rcode.NOERROR && !answer.getSection(1).isEmpty()) {
            dnsOk.incrementAndGet();
        } else {
            dnsFailed.incrementAndGet();
        }
        pause(5);
    }

    private static Sample sample(long start) throws IOException {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        int fds = 0;
        int sockets = 0;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : list.toList()) {
                fds++;
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException closedMeanwhile) {
                    // gone while listing
                }
            }
        }
        return new Sample((System.nanoTime() - start) / 1e9, heap.getUsed() / 1048576.0,
            ManagementFactory.getThreadMXBean().getThreadCount(), fds, sockets);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
