package io.exchangechaos.core.run;

import io.exchangechaos.core.history.History;
import io.exchangechaos.core.load.GatlingLoadDriver;
import io.exchangechaos.core.load.LoadPlan;
import io.exchangechaos.core.scenario.Load;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms up what the baseline must not measure cold: the load generator, against a stand-in on loopback while the stack
 * starts (its first run in a JVM is slow), then the stack's JVMs, through the real load path, once the stack serves
 * orders (the steady state's probes alone leave them too cold). One Gatling run at a time.
 */
final class WarmUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final RunContext ctx;
    private final Thread loadGenerator;
    private Thread stack;

    private WarmUp(RunContext ctx) {
        this.ctx = ctx;
        loadGenerator = new Thread(this::warmUpLoadGenerator, "load-warm-up");
        loadGenerator.setDaemon(true);
    }

    /** Starts warming up the load generator. */
    static WarmUp start(RunContext ctx) {
        WarmUp w = new WarmUp(ctx);
        w.loadGenerator.start();
        return w;
    }

    /** What warms up the stack, once the load generator is done: to run when the stack first serves orders. */
    Runnable stackWarmUp() {
        List<URI> entrypoints = ctx.stack.entrypoints();
        stack = new Thread(() -> {
            joinQuietly(loadGenerator);
            warmUp(entrypoints, 11, ctx.runId + "-warm-stack");
        }, "stack-warm-up");
        stack.setDaemon(true);
        return stack::start;
    }

    void awaitLoadGenerator() {
        if (loadGenerator.isAlive()) {
            ctx.progress().stage("warming up the load generator");
            joinQuietly(loadGenerator);
        }
    }

    void awaitStack() {
        if (stack != null && stack.isAlive()) {
            ctx.progress().stage("warming up the stack");
            joinQuietly(stack);
        }
    }

    /** A run that ended early must not leave a load generator behind. */
    @Override
    public void close() {
        joinQuietly(loadGenerator);
        joinQuietly(stack);
    }

    /** Against {@link WarmUpEndpoint}: Gatling's first seconds in a fresh JVM are slow (class loading, compilation). */
    private void warmUpLoadGenerator() {
        try (WarmUpEndpoint endpoint = WarmUpEndpoint.start()) {
            warmUp(List.of(endpoint.uri()), 7, ctx.runId + "-warmup");
        } catch (IOException e) {
            LOG.warn("load generator warm-up did not start: {}", e.toString());
        }
    }

    /** Five seconds of the scenario's order mix at a low rate through {@code entrypoints}, thrown away. */
    private void warmUp(List<URI> entrypoints, long seed, String id) {
        Load load = ctx.scenario.load();
        Path dir = null;
        try {
            LoadPlan warm = new LoadPlan(Math.min(50, load.rate().perSecond()), Duration.ofSeconds(1), Duration.ofSeconds(5),
                List.of(), 0.8, 0.1, 0.1, load.symbols().isEmpty() ? ctx.adapter.defaultSymbols() : load.symbols(),
                load.accounts(), load.requestTimeout(), entrypoints, 0, true, 3, seed, id);
            dir = Files.createTempDirectory("exchange-chaos-warmup");
            try (History history = History.create(dir.resolve("history.jsonl"))) {
                new GatlingLoadDriver(dir).start(warm, ctx.adapter, history).exitCode().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("warm-up [{}] did not finish: {}", id, e.toString());
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.toString());
        }
    }

    /** Joins {@code t} (null: nothing), through interrupts, keeping the interrupt as the thread's status. */
    static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t != null && t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
