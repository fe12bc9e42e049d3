package io.exchangechaos.server.proxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Direct loopback vs. the embedded proxy (and a real Toxiproxy when {@code TOXIPROXY_URL} is
 * set), in one run: added latency of small request/responses at a fixed rate, bulk throughput,
 * and connections per second. Not a test; run with {@code java -cp ... ProxyBench}.
 *
 * <p>Options (system properties): {@code bench.rate} (req/s, default 5000),
 * {@code bench.seconds} (measured one-second rounds per target, interleaved, default 5), {@code bench.bulkMB} (default 512),
 * {@code bench.connections} (default 3000).
 */
public final class ProxyBench {
    private static final int RATE = Integer.getInteger("bench.rate", 5000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int BULK_MB = Integer.getInteger("bench.bulkMB", 512);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 3000);
    private static final int REQUEST_BYTES = 64;

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        try (TestUpstream echo = TestUpstream.echo();
             TestUpstream sink = TestUpstream.start(ProxyBench::countAndReply);
             ToxiproxyServer server = ToxiproxyServer.start()) {
            Map<String, String[]> targets = new LinkedHashMap<>();
            targets.put("direct", new String[] {echo.address(), sink.address()});
            targets.put("embedded", proxies(new ToxiproxyClient(server.host(), server.port()), echo, sink));
            String external = System.getenv("TOXIPROXY_URL");
            if (external != null && !external.isBlank()) {
                URI uri = URI.create(external);
                targets.put("toxiproxy", proxies(new ToxiproxyClient(uri.getHost(), uri.getPort()), echo, sink));
            }

            System.out.printf(Locale.ROOT, "%d-byte request/response at %d req/s for %d s per target, %d MB bulk, %d connections; %d cores%n",
                    REQUEST_BYTES, RATE, SECONDS, BULK_MB, CONNECTIONS, Runtime.getRuntime().availableProcessors());
            for (Map.Entry<String, String[]> target : targets.entrySet()) {
                latency(target.getValue()[0], 1); // warm-up, discarded
            }
            // one-second rounds, targets interleaved, so load from other processes hits all alike
            Map<String, List<long[]>> rounds = new LinkedHashMap<>();
            for (int round = 0; round < SECONDS; round++) {
                for (Map.Entry<String, String[]> target : targets.entrySet()) {
                    rounds.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(latency(target.getValue()[0], 1));
                }
            }
            Map<String, long[]> latencies = new LinkedHashMap<>();
            rounds.forEach((name, samples) -> latencies.put(name, pooled(samples)));
            long[] direct = latencies.get("direct");
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %14s %14s %12s %12s%n",
                    "target", "rtt p50", "rtt p99", "rtt p99.9", "added p50", "added p99", "bulk MB/s", "conn/s");
            for (Map.Entry<String, String[]> target : targets.entrySet()) {
                long[] rtt = latencies.get(target.getKey());
                double mbPerSecond = bulk(target.getValue()[1]);
                double connectionsPerSecond = connections(target.getValue()[0]);
                System.out.printf(Locale.ROOT, "%-10s %8.1fµs %8.1fµs %8.1fµs %12.1fµs %12.1fµs %12.0f %12.0f%n",
                        target.getKey(), us(pct(rtt, 50)), us(pct(rtt, 99)), us(pct(rtt, 99.9)),
                        us(pct(rtt, 50) - pct(direct, 50)), us(pct(rtt, 99) - pct(direct, 99)),
                        mbPerSecond, connectionsPerSecond);
            }
        }
    }

    private static String[] proxies(ToxiproxyClient client, TestUpstream echo, TestUpstream sink) throws IOException {
        for (String name : List.of("bench-echo", "bench-bulk")) {
            Proxy stale = client.getProxyOrNull(name);
            if (stale != null) {
                stale.delete();
            }
        }
        Proxy echoProxy = client.createProxy("bench-echo", "127.0.0.1:0", echo.address());
        Proxy bulkProxy = client.createProxy("bench-bulk", "127.0.0.1:0", sink.address());
        return new String[] {echoProxy.getListen(), bulkProxy.getListen()};
    }

    /** Round-trip times (ns) of requests sent on one connection at a fixed rate. */
    private static long[] latency(String address, int seconds) throws IOException {
        int count = RATE * seconds;
        long[] samples = new long[count];
        long interval = 1_000_000_000L / RATE;
        byte[] request = Sockets.bytes(REQUEST_BYTES);
        byte[] response = new byte[REQUEST_BYTES];
        try (Socket socket = Sockets.connect(address)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                next += interval;
                long start = System.nanoTime();
                out.write(request);
                int read = 0;
                while (read < REQUEST_BYTES) {
                    read += in.read(response, read, REQUEST_BYTES - read);
                }
                samples[i] = System.nanoTime() - start;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        return samples;
    }

    /** MB/s (10^6 bytes) of a one-way bulk transfer acknowledged by the receiver. */
    private static double bulk(String address) throws IOException {
        byte[] block = new byte[64 * 1024];
        long total = (long) BULK_MB * 1_000_000;
        try (Socket socket = Sockets.connect(address)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            long start = System.nanoTime();
            long sent = 0;
            while (sent < total) {
                int n = (int) Math.min(block.length, total - sent);
                out.write(block, 0, n);
                sent += n;
            }
            socket.shutdownOutput();
            long received = new DataInputStream(socket.getInputStream()).readLong();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (received != total) {
                throw new IllegalStateException("sink received " + received + " of " + total + " bytes");
            }
            return total / 1e6 / seconds;
        }
    }

    /** New connections per second, each carrying one byte each way. */
    private static double connections(String address) throws IOException {
        int warmUp = CONNECTIONS / 10;
        long start = 0;
        for (int i = 0; i < warmUp + CONNECTIONS; i++) {
            if (i == warmUp) {
                start = System.nanoTime();
            }
            try (Socket socket = Sockets.connect(address)) {
                socket.getOutputStream().write(1);
                if (socket.getInputStream().read() != 1) {
                    throw new IllegalStateException("no echo on connection " + i);
                }
            }
        }
        return CONNECTIONS / ((System.nanoTime() - start) / 1e9);
    }

    private static void countAndReply(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            count += n;
        }
        new DataOutputStream(socket.getOutputStream()).writeLong(count);
    }

    private static long[] pooled(List<long[]> rounds) {
        long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static long pct(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
