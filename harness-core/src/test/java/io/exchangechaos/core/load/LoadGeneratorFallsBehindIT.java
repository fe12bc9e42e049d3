package io.exchangechaos.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.run.LoadQualities;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness does not trust a load generator that could not keep its schedule. Here it really cannot: Gatling is
 * asked for 2,000 orders/s for 4 s against an instant local exchange while every core of the machine is taken by spinning
 * threads (the "overloaded machine"). The run's load quality must come out untrustworthy, with the reason, and the
 * verdict INCONCLUSIVE — even though every order was acknowledged and every budget would pass.
 */
class LoadGeneratorFallsBehindIT {

    @TempDir
    Path dir;

    @Test
    void anOverloadedGeneratorMakesTheRunInconclusiveNeverPass() throws Exception {
        HttpServer exchange = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        exchange.createContext("/", x -> {
            byte[] body = "{\"order\":{\"status\":\"NEW\"}}".getBytes(StandardCharsets.UTF_8);
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        exchange.setExecutor(Executors.newFixedThreadPool(4));
        exchange.start();
        AtomicBoolean hogging = new AtomicBoolean(true);
        List<Thread> hogs = new ArrayList<>();
        try {
            ExchangeAdapter adapter = Adapters.named(Adapters.DEFAULT);
            URI entry = URI.create("http://127.0.0.1:" + exchange.getAddress().getPort() + "/");
            LoadPlan plan = new LoadPlan(2000, Duration.ZERO, Duration.ofSeconds(4), List.of(), 0.8, 0.1, 0.1,
                adapter.defaultSymbols(), 20, Duration.ofSeconds(4), List.of(entry), 0, true, 3, 11, "overload-it");
            // GIVEN a machine whose every core is busy
            for (int i = 0; i < Runtime.getRuntime().availableProcessors() * 2; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (hogging.get()) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }, "cpu-hog-" + i);
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                hogs.add(t);
                t.start();
            }
            // WHEN the load runs on it (judged after at most 60 s, as the runner judges a load that overruns)
            List<Operation> ops;
            GatlingLoadDriver.Running running;
            try (History history = History.create(dir.resolve("history.jsonl"))) {
                running = new GatlingLoadDriver(dir.resolve("gatling")).start(plan, adapter, history, entry);
                try {
                    running.exitCode().get(45, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException stillBehind) {
                    running.stop();
                    try {
                        running.exitCode().get(15, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException stillDraining) {
                        // judged on what started so far, as the runner does
                    }
                }
                hogging.set(false);
                history.flush();
                ops = history.operations().stream().sorted(Comparator.comparingLong(Operation::index)).toList();
                try {
                    running.exitCode().get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // the machine is still busy; Gatling ends on its own thread
                }
            }
            // THEN the harness sees it could not keep its schedule, says why, and will not call the run a PASS
            RunOutcome.LoadQuality quality = LoadQualities.judge(running.plannedArrivals(), running.arrivals(), false, ops,
                running.canary());
            System.out.println("overloaded load generator: " + quality);
            assertThat(ops).as("the load did run").isNotEmpty();
            assertThat(quality.trustworthy()).as(quality.detail()).isFalse();
            Optional<String> reason = LoadQualities.inconclusive(quality, false, ops.isEmpty()).map(Finding::toString);
            assertThat(reason).hasValueSatisfying(r -> assertThat(r).matches(
                "INCONCLUSIVE: the load generator (started \\d+ of 8000 planned operations \\(more than 10% short\\)"
                    + ", so the latency figures cannot be trusted|fell behind its schedule: p99 start lag \\d+ ms \\(limit 1000 ms\\);"
                    + " the machine was overloaded|was too busy to read answers on time: .*)"));
            assertThat(quality.canarySamples().orElse(0)).as("the canary, asked through the same engine, was answered").isPositive();
            assertThat(Verdict.merge(List.of(Verdict.PASS, Verdict.PASS, Verdict.INCONCLUSIVE)))
                .as("every budget passing does not make it a PASS").isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(Files.readAllLines(dir.resolve("history.jsonl")).size()).isGreaterThanOrEqualTo(ops.size());
        } finally {
            hogging.set(false);
            for (Thread t : hogs) {
                t.join(5_000);
            }
            exchange.stop(0);
        }
    }
}
