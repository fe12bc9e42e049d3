package io.exchangechaos.core.run;

import io.exchangechaos.core.load.GatlingLoadDriver;
import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.load.LoadRun;
import java.util.concurrent.CompletableFuture;

/** A load under way, as the {@link Timeline} drives it: Gatling's, or a test's own. */
interface RunningLoad {

    /** Completes with the load generator's exit code when the load ends. */
    CompletableFuture<Integer> exitCode();

    /** Wall-clock microseconds at which the load started; 0 until it has. */
    long startMicros();

    /** Figures since the previous call. */
    LiveStats.Interval interval();

    /** Operations started and not yet answered. */
    long inFlight();

    /** Stops new arrivals. */
    void stop();

    long arrivals();

    long plannedArrivals();

    /** What the canary measured, or null without one. */
    LoadRun.Canary canary();

    /** Gatling's load; {@code withCanary} if it was given a canary (else it measured nothing of itself). */
    static RunningLoad of(GatlingLoadDriver.Running running, boolean withCanary) {
        return new RunningLoad() {
            @Override
            public CompletableFuture<Integer> exitCode() {
                return running.exitCode();
            }

            @Override
            public long startMicros() {
                return running.startMicros();
            }

            @Override
            public LiveStats.Interval interval() {
                return running.live().interval();
            }

            @Override
            public long inFlight() {
                return running.inFlight();
            }

            @Override
            public void stop() {
                running.stop();
            }

            @Override
            public long arrivals() {
                return running.arrivals();
            }

            @Override
            public long plannedArrivals() {
                return running.plannedArrivals();
            }

            @Override
            public LoadRun.Canary canary() {
                return withCanary ? running.canary() : null;
            }
        };
    }
}
