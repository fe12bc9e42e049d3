package io.exchangechaos.core.load;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.HttpCall;
import io.exchangechaos.core.adapter.OrderIntent;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.SteadyClock;
import io.gatling.javaapi.core.Session;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one load run shares between the harness and the Gatling simulation instance Gatling creates
 * reflectively: Gatling builds a simulation by class name, so parameters travel through this registry, read per
 * instance, never through statics frozen at class load.
 */
public final class LoadRun {
    static final String RUN_PROPERTY = "exchangechaos.load.run";
    private static final Map<String, LoadRun> RUNS = new ConcurrentHashMap<>();

    private final LoadPlan plan;
    private final ExchangeAdapter adapter;
    private final OrderFlow flow;
    private final History history;
    private final Schedule schedule;
    private final LiveStats live;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<Long, OrderIntent> intents = new ConcurrentHashMap<>();
    private final EntrypointHealth health;
    /** A stand-in on loopback that answers at once, or null: what the harness measures of it is its own overhead. */
    private final URI canary;
    private final org.HdrHistogram.ConcurrentHistogram canaryMicros = new org.HdrHistogram.ConcurrentHistogram(3);
    private final AtomicLong canaryFailures = new AtomicLong();
    private volatile boolean stopped;
    private volatile long startNanos;
    private volatile long startMicros;

    LoadRun(LoadPlan plan, ExchangeAdapter adapter, History history, LiveStats live, URI canary) {
        this.plan = plan;
        this.canary = canary;
        this.adapter = adapter;
        this.flow = new OrderFlow(plan, adapter);
        this.history = history;
        this.schedule = Schedule.of(plan);
        this.live = live;
        this.health = new EntrypointHealth(plan.entrypoints().size(), MARK_DOWN, plan.requestTimeout());
    }

    /** How long a failover-capable client avoids an entrypoint that gave no answer before probing it again. */
    static final Duration MARK_DOWN = Duration.ofSeconds(5);

    static void register(LoadRun run) {
        RUNS.put(run.plan.runId(), run);
    }

    static void unregister(LoadRun run) {
        RUNS.remove(run.plan.runId());
    }

    static LoadRun current() {
        String id = System.getProperty(RUN_PROPERTY);
        LoadRun run = id == null ? null : RUNS.get(id);
        if (run == null) {
            throw new IllegalStateException("No load run registered under [" + id + "]; start loads through GatlingLoadDriver");
        }
        return run;
    }

    LoadPlan plan() {
        return plan;
    }

    Schedule schedule() {
        return schedule;
    }

    void markStart() {
        startNanos = System.nanoTime();
        startMicros = nowMicros();
    }

    long startMicros() {
        return startMicros;
    }

    static long nowMicros() {
        return SteadyClock.nowMicros();
    }

    /** A new arrival: picks its operation and home entrypoint. */
    Session begin(Session session) {
        if (startNanos == 0) {
            markStart();
        }
        long k = arrivals.getAndIncrement();
        inFlight.incrementAndGet();
        OrderIntent intent = flow.next();
        intents.put(k, intent);
        HttpCall call = adapter.request(intent);
        long intended = startMicros + (long) (schedule.intendedOffsetSeconds(k) * 1_000_000);
        int home = plan.failover() ? (int) (k % plan.entrypoints().size()) : plan.home();
        return session.setAll(Map.of(
            "k", k,
            "method", call.method(),
            "path", call.path(),
            "body", call.body() == null ? "" : call.body(),
            "contentType", call.headers().getOrDefault("Content-Type", "text/plain"),
            "home", home,
            "attempt", 0,
            "intended", intended,
            "firstSent", 0L));
    }

    /** Before each attempt: the entrypoint for this try, and a clean slate for its answer. */
    Session beforeAttempt(Session session) {
        int attempt = session.getInt("attempt");
        int home = session.getInt("home");
        if (attempt > 0) {
            noteAnswer(session);
        }
        int index = plan.failover() ? health.choose(home, attempt, System.nanoTime()) : home;
        // attempts are counted here: a request that gets no answer skips the rest of the try block
        Session s = session.remove("status").remove("responseBody")
            .set("attempt", attempt + 1)
            .set("entrypoint", index)
            .set("url", plan.entrypoints().get(index).toString().replaceAll("/$", "") + session.getString("path"));
        if (session.getLong("firstSent") == 0L) {
            s = s.set("firstSent", nowMicros()).set("firstSentNanos", System.nanoTime());
        }
        return s;
    }

    /** After each attempt: classify; a retryable answer fails the attempt so Gatling's tryMax goes again. */
    Session afterAttempt(Session session) {
        OrderIntent intent = intents.get(session.getLong("k"));
        Answer answer = answer(intent, session);
        noteAnswer(session);
        return answer.retry() ? session.markAsFailed() : session.markAsSucceeded();
    }

    /**
     * Whether the last attempt's entrypoint answered at all. A request that got no answer (refused, reset, timed
     * out) skips the rest of Gatling's try block, so this runs both after an answer and before the next attempt.
     */
    private void noteAnswer(Session session) {
        if (!plan.failover() || !session.contains("entrypoint")) {
            return;
        }
        if (session.contains("status")) {
            health.answered(session.getInt("entrypoint"));
        } else {
            health.noAnswer(session.getInt("entrypoint"), System.nanoTime());
        }
    }

    private Answer answer(OrderIntent intent, Session session) {
        if (!session.contains("status")) {
            return Answer.noResponse("no response (connection failed or timed out)");
        }
        return adapter.classify(intent, session.getInt("status"),
            session.contains("responseBody") ? session.getString("responseBody") : "");
    }

    /** The operation's final answer goes into the history. */
    Session complete(Session session) {
        noteAnswer(session);
        long k = session.getLong("k");
        OrderIntent intent = intents.remove(k);
        Answer answer = answer(intent, session);
        long now = nowMicros();
        long latency = (System.nanoTime() - session.getLong("firstSentNanos")) / 1_000;
        int entrypoint = session.contains("entrypoint") ? session.getInt("entrypoint") : session.getInt("home");
        Operation op = new Operation(k, Operation.opName(intent), intent.clientOrderId(), intent.account(),
            intent.symbol(), intent.side() == null ? null : intent.side().name(), intent.kind().name(), intent.price(),
            intent.quantity(), plan.entrypoints().get(entrypoint).toString(), session.getInt("attempt"),
            session.getLong("intended"), session.getLong("firstSent"), now, latency,
            Operation.outcomeOf(answer.kind()), answer.kind(), answer.orderState(), answer.detail());
        history.record(op);
        live.record(op);
        inFlight.decrementAndGet();
        if (answer.kind() == Answer.Kind.ACKNOWLEDGED && !intent.isCancel()
            && ("NEW".equals(answer.orderState()) || "PARTIALLY_FILLED".equals(answer.orderState()))) {
            flow.rests(intent);
        }
        return session.markAsSucceeded();
    }

    URI canary() {
        return canary;
    }

    Session canarySent(Session session) {
        return session.remove("canaryStatus").set("canarySent", System.nanoTime());
    }

    /** One canary request done: its latency is the load generator's own, the stand-in answers at once. */
    Session canaryDone(Session session) {
        if (session.contains("canaryStatus")) {
            canaryMicros.recordValue(Math.max(0, (System.nanoTime() - session.getLong("canarySent")) / 1_000));
        } else {
            canaryFailures.incrementAndGet();
        }
        return session.markAsSucceeded();
    }

    /** What the canary measured so far. */
    Canary canaryFigures() {
        org.HdrHistogram.Histogram h = canaryMicros.copy();
        long n = h.getTotalCount();
        return new Canary(n, canaryFailures.get(), n == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0,
            n == 0 ? 0 : h.getMaxValue() / 1000.0);
    }

    /**
     * The load generator measuring itself: requests to a stand-in on loopback that answers at once, sent through the
     * same Gatling engine as the orders. Their latency is what the harness adds to every figure it reports.
     *
     * @param samples   canary requests answered
     * @param failures  canary requests that got no answer
     */
    public record Canary(long samples, long failures, double p99Millis, double maxMillis) {
    }

    /** New arrivals leave at once; operations under way finish and are recorded. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    long inFlight() {
        return inFlight.get();
    }

    long arrivals() {
        return arrivals.get();
    }
}
