package io.exchangechaos.fault.network;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long the harness's control path takes against the embedded server holding 11 proxies: one {@code GET /proxies},
 * one link blackholed (ledger line with fsync, two toxics) and healed. Not a test; run by hand (BENCHMARKS.md).
 */
public final class FaultApplyBench {
    private FaultApplyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("fault-apply-bench");
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            for (int i = 0; i < 11; i++) {
                client.createProxy("link-" + i, "127.0.0.1:0", "127.0.0.1:9");
            }
            NetworkFaults network = NetworkFaults.connect(server.apiUrl(),
                FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl"))));
            double[] list = new double[rounds];
            double[] blackhole = new double[rounds];
            double[] heal = new double[rounds];
            for (int r = -3; r < rounds; r++) {  // three rounds of warm-up
                long t0 = System.nanoTime();
                client.getProxies();
                long t1 = System.nanoTime();
                InjectedFault f = network.blackhole("link-1");
                long t2 = System.nanoTime();
                f.heal();
                long t3 = System.nanoTime();
                if (r >= 0) {
                    list[r] = (t1 - t0) / 1e6;
                    blackhole[r] = (t2 - t1) / 1e6;
                    heal[r] = (t3 - t2) / 1e6;
                }
            }
            System.out.printf("rounds=%d  GET /proxies p50 %.1f ms | blackhole p50 %.1f ms | heal p50 %.1f ms%n",
                rounds, median(list), median(blackhole), median(heal));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
