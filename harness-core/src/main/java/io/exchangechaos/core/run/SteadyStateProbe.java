package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.HttpCall;
import io.exchangechaos.core.adapter.OrderIntent;
import io.exchangechaos.core.scenario.SteadyState;
import io.exchangechaos.core.verdict.RunOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steady-state hypothesis: orders through every entrypoint are acknowledged, second after second, for
 * {@code holdFor}. It is also the stack's warm-up: a cold JVM is slow, and a scenario must not measure that.
 */
final class SteadyStateProbe {
    private static final Logger LOG = LoggerFactory.getLogger(SteadyStateProbe.class);
    private static final Duration MIN_WARM_UP = Duration.ofSeconds(4);

    private final ExchangeAdapter adapter;
    private final List<URI> entrypoints;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).build();

    SteadyStateProbe(ExchangeAdapter adapter, List<URI> entrypoints) {
        this.adapter = adapter;
        this.entrypoints = entrypoints;
    }

    RunOutcome.SteadyStateResult await(SteadyState ss, String idPrefix, double rate, boolean warmUp, BooleanSupplier aborted) {
        return await(ss, idPrefix, rate, warmUp, aborted, () -> { });
    }

    /**
     * As {@link #await(SteadyState, String, double, boolean, BooleanSupplier)}, calling {@code onServing} (once, on the
     * probe's thread: it must not block) at the end of the first second in which every answered probe was
     * acknowledged: the stack serves orders from then on, though it has not yet held for {@code holdFor}.
     */
    RunOutcome.SteadyStateResult await(SteadyState ss, String idPrefix, double rate, boolean warmUp, BooleanSupplier aborted,
                                       Runnable onServing) {
        boolean serving = false;
        long start = System.nanoTime();
        long deadline = start + ss.within().toNanos();
        long minEnd = start + (warmUp ? MIN_WARM_UP.toNanos() : 0);
        int perSecond = (int) Math.max(10, Math.min(60, rate));
        int heldSeconds = 0;
        int need = (int) Math.max(1, Math.ceil(ss.holdFor().toMillis() / 1000.0));
        AtomicLong seq = new AtomicLong();
        String last = "no orders sent";
        ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "steady-state");
            t.setDaemon(true);
            return t;
        });
        // judged on answers as they arrive, second by second, not on what was sent: a cold stack answers late
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        Map<String, Integer> failedAt = new ConcurrentHashMap<>();
        Map<String, Integer> failedBefore = new TreeMap<>();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        try {
            while (System.nanoTime() < deadline && !aborted.getAsBoolean()) {
                long secondStart = System.nanoTime();
                for (int i = 0; i < perSecond; i++) {
                    long n = seq.getAndIncrement();
                    if (inFlight.get() < 4 * perSecond) {
                        inFlight.incrementAndGet();
                        pool.execute(() -> {
                            try {
                                if (send(idPrefix + "-" + n, n)) {
                                    ok.incrementAndGet();
                                } else {
                                    bad.incrementAndGet();
                                    failedAt.merge(entrypoints.get((int) (n % entrypoints.size())).getAuthority(), 1,
                                        Integer::sum);
                                }
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
                    }
                    sleepNanos(secondStart + (i + 1) * 1_000_000_000L / perSecond - System.nanoTime());
                }
                long good = ok.getAndSet(0);
                long failed = bad.getAndSet(0);
                long total = good + failed;
                double errors = total == 0 ? 1 : (double) failed / total;
                Map<String, Integer> where = new TreeMap<>(failedAt);
                failedAt.clear();
                where.forEach((k, v) -> failedBefore.merge(k, v, Integer::sum));
                last = good + " of " + total + " answered in the last second were acknowledged"
                    + (where.isEmpty() ? "" : "; not acknowledged through " + where);
                if (failed > 0) {
                    LOG.debug("steady state {}: {}", idPrefix, last);
                }
                heldSeconds = errors <= ss.maxErrorRatio() && total >= perSecond / 2 ? heldSeconds + 1 : 0;
                if (heldSeconds > 0 && !serving) {
                    serving = true;
                    onServing.run();
                }
                if (heldSeconds >= need && System.nanoTime() >= minEnd) {
                    return new RunOutcome.SteadyStateResult(true, Duration.ofNanos(System.nanoTime() - start),
                        "held for " + heldSeconds + " s (" + last + ")"
                            + (failedBefore.isEmpty() ? "" : "; earlier probes not acknowledged through " + failedBefore));
                }
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (aborted.getAsBoolean()) {
                // only what happened: the run stopped it, not the stack
                return new RunOutcome.SteadyStateResult(false, waited, String.format(java.util.Locale.ROOT,
                    "not checked to the end: the run was stopped after %.1f s; last: %s", waited.toNanos() / 1e9, last));
            }
            return new RunOutcome.SteadyStateResult(false, waited,
                "did not hold for " + ss.holdFor().toSeconds() + " s within " + ss.within().toSeconds() + " s; last: " + last);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean send(String id, long n) {
        URI entry = entrypoints.get((int) (n % entrypoints.size()));
        String symbol = adapter.defaultSymbols().get(0);
        long ref = adapter.referencePrice(symbol);
        // far from the market on purpose: probe orders rest and never trade with the scenario's load
        OrderIntent intent = new OrderIntent(OrderIntent.Kind.LIMIT, id, 1 + n % 10, symbol,
            n % 2 == 0 ? OrderIntent.Side.BUY : OrderIntent.Side.SELL,
            n % 2 == 0 ? Math.round(ref * 0.92) : Math.round(ref * 1.08), 1);
        HttpCall call = adapter.request(intent);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(entry.toString().replaceAll("/$", "") + call.path()))
            .timeout(Duration.ofSeconds(1));
        call.headers().forEach(b::header);
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return adapter.classify(intent, r.statusCode(), r.body()).kind() == Answer.Kind.ACKNOWLEDGED;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
