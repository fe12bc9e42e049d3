package io.exchangechaos.stack.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.Side;

/**
 * FIX order round trip (NewOrderSingle to ExecutionReport NEW) side by side with REST place latency, against a
 * running stack whose gateway has FIX on: both protocols at the same steady open-model rate at once, resting bids
 * that never cross, latency from each order's intended send time (a late send counts against the stack's figure
 * only as much as it was late). Not a test: {@code bench/fix-bench.sh} runs it.
 *
 * <pre>
 * FixAckBench --rest http://127.0.1.11:8080 --fix 127.0.1.11:9878 --rate 250 --orders 10000 --warmup 15 --out FILE
 * </pre>
 */
public final class FixAckBench {
    private FixAckBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        String rest = a.getOrDefault("rest", "http://127.0.1.11:8080");
        String[] fix = a.getOrDefault("fix", "127.0.1.11:9878").split(":");
        int rate = Integer.parseInt(a.getOrDefault("rate", "250"));
        int orders = Integer.parseInt(a.getOrDefault("orders", "10000"));
        int warmupSeconds = Integer.parseInt(a.getOrDefault("warmup", "15"));
        Path out = Path.of(a.getOrDefault("out", "target/fix-bench/summary.md"));

        Recorder fixLatency = new Recorder(3);
        Recorder restLatency = new Recorder(3);
        Map<String, Long> intended = new ConcurrentHashMap<>();
        AtomicLong fixAcked = new AtomicLong();
        AtomicLong fixOther = new AtomicLong();
        AtomicLong restAcked = new AtomicLong();
        AtomicLong restOther = new AtomicLong();
        AtomicLong lagMax = new AtomicLong();

        SessionID id = new SessionID("FIX.4.4", "BENCH", FixAcceptor.VENUE_COMP_ID);
        SocketInitiator initiator = initiator(id, fix[0], Integer.parseInt(fix[1]), new Application() {
            @Override
            public void onCreate(SessionID s) {
            }

            @Override
            public void onLogon(SessionID s) {
            }

            @Override
            public void onLogout(SessionID s) {
            }

            @Override
            public void toAdmin(Message m, SessionID s) {
            }

            @Override
            public void fromAdmin(Message m, SessionID s) {
            }

            @Override
            public void toApp(Message m, SessionID s) {
            }

            @Override
            public void fromApp(Message m, SessionID s) {
                long now = System.nanoTime();
                try {
                    if (!MsgType.EXECUTION_REPORT.equals(m.getHeader().getString(MsgType.FIELD))) {
                        String ref = m.isSetField(BusinessRejectRefID.FIELD)
                            ? m.getString(BusinessRejectRefID.FIELD) : "";
                        if (intended.remove(ref) != null) {
                            fixOther.incrementAndGet();
                        }
                        return;
                    }
                    Long t0 = intended.remove(m.getString(ClOrdID.FIELD));
                    if (t0 == null) {
                        return;  // a warm-up order's
                    }
                    if (m.getChar(ExecType.FIELD) == ExecType.NEW) {
                        fixAcked.incrementAndGet();
                        fixLatency.recordValue((now - t0) / 1_000);
                    } else {
                        fixOther.incrementAndGet();
                    }
                } catch (FieldNotFound e) {
                    fixOther.incrementAndGet();
                }
            }
        });
        long logonDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Session.lookupSession(id) == null || !Session.lookupSession(id).isLoggedOn()) {
            if (System.nanoTime() > logonDeadline) {
                throw new IllegalStateException("FIX session " + id + " not logged on at " + String.join(":", fix));
            }
            Thread.sleep(20);
        }
        Session session = Session.lookupSession(id);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(2)).build();
        URI place = URI.create(rest + "/orders");

        int warmup = warmupSeconds * rate;
        int total = warmup + orders;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    Thread.onSpinWait();
                }
            }
            lagMax.accumulateAndGet(System.nanoTime() - due, Math::max);
            boolean measured = i >= warmup;
            if (i == warmup) {
                lagMax.set(0);
            }
            long account = 1 + i % 100;
            long price = 45_000 + (i * 7L) % 4_000;
            String fixId = (measured ? "fb-" : "fw-") + run + "-" + i;
            if (measured) {
                intended.put(fixId, due);
            }
            session.send(FixTestClient.limit(fixId, account, "BTC-USD", Side.BUY, 1, price));
            String body = "{\"account\":" + account + ",\"clientOrderId\":\"rb-" + run + "-" + i
                + "\",\"symbol\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":" + price + ",\"quantity\":1}";
            http.sendAsync(HttpRequest.newBuilder(place).header("Content-Type", "application/json")
                    .header("X-Request-Timeout-Ms", "5000").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> {
                    long now = System.nanoTime();
                    if (!measured) {
                        return;
                    }
                    if (e == null && r.statusCode() == 200) {
                        restAcked.incrementAndGet();
                        restLatency.recordValue((now - due) / 1_000);
                    } else {
                        restOther.incrementAndGet();
                    }
                });
        }
        long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((fixAcked.get() + fixOther.get() < orders || restAcked.get() + restOther.get() < orders) && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        Histogram f = fixLatency.getIntervalHistogram();
        Histogram r = restLatency.getIntervalHistogram();
        String rows = row("FIX 4.4 NewOrderSingle → ExecutionReport NEW", rate, orders, fixAcked.get(), orders - fixAcked.get(), f)
            + row("REST POST /orders → 200", rate, orders, restAcked.get(), orders - restAcked.get(), r);
        String text = "| protocol | rate/s | orders | acked | not acked | p50 | p90 | p99 | p99.9 | max |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n" + rows
            + "\nsend lag max " + String.format("%.1f", lagMax.get() / 1e6) + " ms (after warm-up)\n";
        System.out.print(text);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        initiator.stop();
        System.exit(0);
    }

    private static String row(String name, int rate, int orders, long acked, long notAcked, Histogram h) {
        return "| " + name + " | " + rate + " | " + orders + " | " + acked + " | " + notAcked + " | " + ms(h.getValueAtPercentile(50))
            + " | " + ms(h.getValueAtPercentile(90)) + " | " + ms(h.getValueAtPercentile(99)) + " | "
            + ms(h.getValueAtPercentile(99.9)) + " | " + ms(h.getMaxValue()) + " |\n";
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }

    private static SocketInitiator initiator(SessionID id, String host, int port, Application app) throws Exception {
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", host);
        s.setString("SocketConnectPort", String.valueOf(port));
        s.setString("HeartBtInt", "30");
        s.setString("ReconnectInterval", "1");
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIX44.xml");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("ResetOnLogon", "Y");
        s.setString(id, "BeginString", "FIX.4.4");
        SocketInitiator initiator = new SocketInitiator(app, new MemoryStoreFactory(), s, new ScreenLogFactory(false, false, false),
            new DefaultMessageFactory());
        initiator.start();
        return initiator;
    }
}
