package io.exchangechaos.core.load;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.history.History;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a {@link LoadPlan} through Gatling inside this JVM, with no JVM flags: Gatling writes no data files (see
 * {@code gatling.conf}), the history is the record. Its own assertions are not used — budgets are the harness's job,
 * from the history.
 */
public final class GatlingLoadDriver {
    private final Path resultsDir;

    public GatlingLoadDriver(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    /** Handle on a running load. */
    public record Running(CompletableFuture<Integer> exitCode, LiveStats live, LoadRun run) {
        public long arrivals() {
            return run.arrivals();
        }

        public long startMicros() {
            return run.startMicros();
        }

        /** Operations started and not yet answered. */
        public long inFlight() {
            return run.inFlight();
        }

        public long plannedArrivals() {
            return run.schedule().expectedUsers();
        }

        /** What the canary measured, if the load had one: the load generator's own latency. */
        public LoadRun.Canary canary() {
            return run.canaryFigures();
        }

        /** Stops new arrivals; the future completes when Gatling's injection ends. */
        public void stop() {
            run.stop();
        }
    }

    /** Starts the load on its own thread and returns at once; the future completes with Gatling's exit code. */
    public Running start(LoadPlan plan, ExchangeAdapter adapter, History history) {
        return start(plan, adapter, history, null);
    }

    /**
     * As {@link #start(LoadPlan, ExchangeAdapter, History)}, with a canary: {@value OrderSimulation#CANARY_RATE}
     * requests a second, through the same Gatling engine, to {@code canary}, a stand-in on loopback that answers at
     * once. Their latency is the harness's own share of every latency it measures.
     */
    public Running start(LoadPlan plan, ExchangeAdapter adapter, History history, URI canary) {
        LiveStats live = new LiveStats();
        LoadRun run = new LoadRun(plan, adapter, history, live, canary);
        LoadRun.register(run);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                synchronized (GatlingLoadDriver.class) {
                    // Gatling reads its configuration and our run id from system properties at start
                    System.setProperty(LoadRun.RUN_PROPERTY, plan.runId());
                    System.setProperty("gatling.http.requestTimeout", String.valueOf(plan.requestTimeout().toMillis()));
                    System.setProperty("gatling.http.warmUpUrl", "");
                    System.setProperty("gatling.data.enableAnalytics", "false");
                    int code = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                        "-s", OrderSimulation.class.getName(), "-rf", resultsDir.toString(), "-nr"});
                    LoadRun.unregister(run);
                    history.flush();
                    exit.complete(code);
                }
            } catch (Throwable e) {
                LoadRun.unregister(run);
                exit.completeExceptionally(e);
            }
        }, "gatling-load");
        t.setDaemon(true);
        t.start();
        return new Running(exit, live, run);
    }
}
