package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.config.ConfigValidator;
import io.exchangechaos.stack.config.ExchangeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the config every second. Hardened: a new version is validated before use and a bad one is rejected,
 * keeping the last known good; and after each change the gateway watches its own order path, rolling back on
 * its own when the new config turns out bad only after loading (Azure Front Door, 2025-10-29). Without
 * validation (the {@code no-config-validation} weakness) every version is applied as received.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROBATION = Duration.ofSeconds(30);

    private final URI uri;
    private final boolean validate;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(500)).build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "config-poll");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<ActiveConfig> active = new AtomicReference<>();
    private volatile ActiveConfig lastKnownGood;
    private volatile int lastSeenVersion;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private final List<Integer> quarantined = new ArrayList<>();
    // order-path outcomes since the last config change, for the probation watch
    private final AtomicLong probationOk = new AtomicLong();
    private final AtomicLong probationErrors = new AtomicLong();

    ConfigWatcher(String baseUrl, boolean validate) {
        this.uri = URI.create(baseUrl + "/config");
        this.validate = validate;
    }

    /** Blocks until a first config is loaded (or the attempt times out), then polls in the background. */
    void start(Duration firstLoadTimeout) {
        long deadline = System.nanoTime() + firstLoadTimeout.toNanos();
        while (active.get() == null && System.nanoTime() < deadline) {
            poll();
            if (active.get() == null) {
                sleep(200);
            }
        }
        poller.scheduleWithFixedDelay(this::pollSafely, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::watchProbation, 500, 500, TimeUnit.MILLISECONDS);
    }

    ActiveConfig active() {
        return active.get();
    }

    /** The order path reports each outcome it caused; only internal failures count against a config. */
    void orderOutcome(boolean internalError) {
        (internalError ? probationErrors : probationOk).incrementAndGet();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("config poll failed: {}", e.toString());
        }
    }

    private void poll() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            // the config service being away changes nothing: keep running on what we have
            return;
        }
        if (response.statusCode() != 200) {
            return;
        }
        int version = Integer.parseInt(response.headers().firstValue("X-Config-Version").orElse("0"));
        if (version == lastSeenVersion || quarantined.contains(version)) {
            return;
        }
        lastSeenVersion = version;
        apply(version, response.body());
    }

    private synchronized void apply(int version, String body) {
        Instant now = Instant.now();
        if (validate) {
            ConfigValidator.Result result = ConfigValidator.validate(body);
            if (!result.valid()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("version", version);
                r.put("at", now.toString());
                r.put("problems", result.problems());
                rejected.add(r);
                LOG.warn("config v{} rejected, keeping v{}: {}", version,
                    lastKnownGood == null ? "none" : lastKnownGood.version(), result.problems());
                return;
            }
            switchTo(new ActiveConfig(version, result.config(), null, now));
            return;
        }
        // applied as received: whatever breaks, breaks the order path
        try {
            ExchangeConfig config = Json.MAPPER.readValue(body, ExchangeConfig.class);
            FeatureTable.load(config.features());
            switchTo(new ActiveConfig(version, config, null, now));
        } catch (Exception e) {
            ActiveConfig current = active.get();
            ExchangeConfig keep = current == null ? null : current.config();
            active.set(new ActiveConfig(version, keep, "config v" + version + " failed to load: " + e, now));
            LOG.error("config v{} applied unvalidated and failed to load: {}", version, e.toString());
        }
    }

    private void switchTo(ActiveConfig next) {
        ActiveConfig previous = active.getAndSet(next);
        if (previous != null && previous.poison() == null && previous.defect(Instant.now()) == null) {
            lastKnownGood = previous;
        }
        if (lastKnownGood == null) {
            lastKnownGood = next;
        }
        probationOk.set(0);
        probationErrors.set(0);
        LOG.info("config v{} in force", next.version());
    }

    /** Rolls back a config that passed validation but broke the order path after loading. */
    private synchronized void watchProbation() {
        ActiveConfig current = active.get();
        if (!validate || current == null || lastKnownGood == null || current == lastKnownGood
            || Instant.now().isAfter(current.loadedAt().plus(PROBATION))) {
            probationOk.set(0);
            probationErrors.set(0);
            return;
        }
        long errors = probationErrors.getAndSet(0);
        long ok = probationOk.getAndSet(0);
        if (errors >= 5 && errors > ok) {
            quarantined.add(current.version());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("version", current.version());
            r.put("at", Instant.now().toString());
            r.put("problems", List.of("rolled back after loading: " + errors + " order-path failures against " + ok
                + " successes in 500 ms"));
            rejected.add(r);
            ActiveConfig restored = new ActiveConfig(lastKnownGood.version(), lastKnownGood.config(), null, Instant.now());
            active.set(restored);
            LOG.warn("config v{} rolled back to v{}: {} order-path failures", current.version(), restored.version(), errors);
        }
    }

    synchronized Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        ActiveConfig a = active.get();
        m.put("version", a == null ? null : a.version());
        m.put("lastKnownGood", lastKnownGood == null ? null : lastKnownGood.version());
        m.put("validation", validate);
        m.put("defect", a == null ? "no config loaded" : a.defect(Instant.now()));
        m.put("rejected", List.copyOf(rejected));
        return m;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
