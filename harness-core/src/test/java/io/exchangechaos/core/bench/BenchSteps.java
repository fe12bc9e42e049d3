package io.exchangechaos.core.bench;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.HttpCall;
import io.exchangechaos.core.adapter.OrderIntent;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.load.GatlingLoadDriver;
import io.exchangechaos.core.load.LoadPlan;
import io.exchangechaos.core.load.OrderFlow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark step: an open-model load at a fixed rate for a fixed time, measured with the CPU every process spent
 * on it. The Gatling step is the harness's own load path ({@link GatlingLoadDriver}, {@link LoadPlan}, the default
 * adapter, the library scenarios' order mix), exactly as {@code ScenarioRunner} drives it; the HttpClient step is a
 * plain fixed-rate JDK client, the baseline.
 */
final class BenchSteps {
    /** The library scenarios' order mix and client settings. */
    static final double LIMIT = 0.7;
    static final double MARKET = 0.1;
    static final double CANCEL = 0.2;
    static final int ACCOUNTS = 20;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    private BenchSteps() {
    }

    /** A step's figures and the CPU milliseconds each process spent over it, largest first. */
    record Measured(StepFigures figures, Map<String, Double> cpuMillis, String loadAverage, String errors,
                    List<Operation> operations) {
        Measured(StepFigures figures, Map<String, Double> cpuMillis, List<Operation> ops) {
            this(figures, cpuMillis, BenchSteps.loadAverage(), BenchSteps.errors(ops), List.copyOf(ops));
        }
    }

    /** The three commonest answers other than success, with counts: what the errors were. */
    static String errors(List<Operation> ops) {
        Map<String, Long> counts = ops.stream().filter(o -> o.outcome() != io.exchangechaos.core.history.Outcome.OK)
            .collect(java.util.stream.Collectors.groupingBy(o -> o.answer() + " " + String.valueOf(o.detail())
                .replaceAll("\\s+", " ").replaceAll("(.{0,80}).*", "$1"), java.util.stream.Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
            .map(e -> e.getValue() + "× " + e.getKey()).collect(java.util.stream.Collectors.joining("; "));
    }

    /** The 1, 5 and 15 minute load averages now. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static LoadPlan plan(double rate, Duration duration, List<URI> entrypoints, String runId) {
        ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
        return new LoadPlan(rate, Duration.ZERO, duration, List.of(), LIMIT, MARKET, CANCEL, adapter.defaultSymbols(),
            ACCOUNTS, REQUEST_TIMEOUT, entrypoints, 0, true, 3, 42, runId);
    }

    /** The harness's Gatling load at {@code rate} for {@code duration}, judged with the harness's own trust rule. */
    static Measured gatling(String label, double rate, Duration duration, List<URI> entrypoints, List<Long> roots,
                            Path dir, boolean keepHistory) throws Exception {
        String runId = "bench-" + label.replaceAll("\\W+", "-") + "-" + Math.round(rate) + "-" + System.currentTimeMillis();
        return run(label, plan(rate, duration, entrypoints, runId), roots, dir, keepHistory);
    }

    /** Drives one plan to its end (surges included) and measures it. */
    static Measured run(String label, LoadPlan plan, List<Long> roots, Path dir, boolean keepHistory) throws Exception {
        ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
        String runId = plan.runId();
        double rate = plan.ratePerSecond();
        Duration duration = plan.duration();
        Path stepDir = dir.resolve(runId);
        Files.createDirectories(stepDir);
        ProcCpu.Snapshot before = ProcCpu.take(roots);
        List<Operation> ops;
        GatlingLoadDriver.Running running;
        com.sun.net.httpserver.HttpServer canary = instantServer();
        try (History history = History.create(stepDir.resolve("history.jsonl"))) {
            running = new GatlingLoadDriver(stepDir.resolve("gatling")).start(plan, adapter, history,
                URI.create("http://127.0.0.1:" + canary.getAddress().getPort()));
            long bound = duration.toSeconds() + REQUEST_TIMEOUT.toSeconds() * 4 + 30;
            try {
                running.exitCode().get(bound, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException late) {
                // judged on what was answered, as the runner judges a load that overruns
                running.stop();
                running.exitCode().get(REQUEST_TIMEOUT.toSeconds() * 4 + 10, TimeUnit.SECONDS);
            }
            history.flush();
            ops = history.operations();
        } finally {
            canary.stop(0);
        }
        ProcCpu.Snapshot after = ProcCpu.take(roots);
        if (!keepHistory) {
            Files.deleteIfExists(stepDir.resolve("history.jsonl"));
        }
        StepFigures f = StepFigures.of(label, rate, duration.toNanos() / 1e9, running.plannedArrivals(), running.arrivals(),
            ops, running.startMicros(), after.totalMillisSince(before), after.machineBusySince(before), running.canary());
        return new Measured(f, after.millisSince(before), ops);
    }

    /**
     * The baseline: one thread sends the same orders at fixed intended times through the JDK's HttpClient (async,
     * HTTP/1.1, keep-alive), measuring lag and latency the way the harness does (nanoTime from send to answer).
     */
    static Measured httpClient(String label, double rate, Duration duration, URI entrypoint, List<Long> roots)
        throws Exception {
        ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
        String runId = "baseline-" + Math.round(rate) + "-" + System.currentTimeMillis();
        LoadPlan plan = plan(rate, duration, List.of(entrypoint), runId);
        OrderFlow flow = new OrderFlow(plan, adapter);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "baseline-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
            .connectTimeout(Duration.ofSeconds(2)).build();
        String base = entrypoint.toString().replaceAll("/$", "");
        long planned = Math.round(rate * duration.toNanos() / 1e9);
        ConcurrentLinkedQueue<Operation> ops = new ConcurrentLinkedQueue<>();
        AtomicLong pending = new AtomicLong();
        ProcCpu.Snapshot before = ProcCpu.take(roots);
        long startNanos = System.nanoTime() + 50_000_000;
        long startMicros = nowMicros() + 50_000;
        double intervalNanos = 1e9 / rate;
        for (long k = 0; k < planned; k++) {
            long due = startNanos + (long) (k * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            OrderIntent intent = flow.next();
            HttpCall call = adapter.request(intent);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(REQUEST_TIMEOUT);
            call.headers().forEach(b::header);
            b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
            long intended = startMicros + (long) (k * intervalNanos / 1000);
            long sent = nowMicros();
            long sentNanos = System.nanoTime();
            long index = k;
            pending.incrementAndGet();
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long latency = (System.nanoTime() - sentNanos) / 1000;
                Answer a = e != null ? Answer.noResponse(e.toString()) : adapter.classify(intent, r.statusCode(), r.body());
                ops.add(new Operation(index, Operation.opName(intent), intent.clientOrderId(), intent.account(),
                    intent.symbol(), intent.side() == null ? null : intent.side().name(), intent.kind().name(),
                    intent.price(), intent.quantity(), base, 1, intended, sent, nowMicros(), latency,
                    Operation.outcomeOf(a.kind()), a.kind(), a.orderState(), a.detail()));
                if (a.kind() == Answer.Kind.ACKNOWLEDGED && !intent.isCancel() && "NEW".equals(a.orderState())) {
                    flow.rests(intent);
                }
                pending.decrementAndGet();
            });
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos() + 2_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ProcCpu.Snapshot after = ProcCpu.take(roots);
        pool.shutdownNow();
        List<Operation> list = new ArrayList<>(ops);
        list.sort(Comparator.comparingLong(Operation::index));
        StepFigures f = StepFigures.of(label, rate, duration.toNanos() / 1e9, planned, planned, list, startMicros,
            after.totalMillisSince(before), after.machineBusySince(before));
        return new Measured(f, after.millisSince(before), list);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Markdown: the figures table, then CPU per operation for every process that spent at least 1 % of a step's CPU. */
    static String markdown(String title, List<Measured> steps) {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n")
            .append(StepFigures.HEADER).append('\n').append(StepFigures.RULE).append('\n');
        for (Measured m : steps) {
            out.append(m.figures().row()).append('\n');
        }
        out.append("\nCPU per answered operation, by process (ms/op; share of the step's measured CPU):\n\n");
        for (Measured m : steps) {
            StepFigures f = m.figures();
            double total = m.cpuMillis().values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "- %s @ %.0f/s (load average at its end %s):", f.label(), f.offered(),
                m.loadAverage()));
            m.cpuMillis().forEach((proc, ms) -> {
                if (total > 0 && ms / total >= 0.01 && f.answered() > 0) {
                    out.append(String.format(Locale.ROOT, " %s %.2f (%.0f %%);", proc, ms / f.answered(), 100 * ms / total));
                }
            });
            if (!m.errors().isEmpty()) {
                out.append(" errors: ").append(m.errors());
            }
            out.append('\n');
        }
        return out.toString();
    }

    static void append(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The generator's canary: a server on loopback that answers at once, so what it takes is the generator's own. */
    private static com.sun.net.httpserver.HttpServer instantServer() throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-canary");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }
}
