package io.exchangechaos.core.run;

import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.kill;
import static io.exchangechaos.core.scenario.ScenarioDsl.latency;
import static io.exchangechaos.core.scenario.ScenarioDsl.leaderRegion;
import static io.exchangechaos.core.scenario.ScenarioDsl.link;
import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.history.History;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.load.LoadRun;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline on a clock of the test's own: the load is a stand-in that ends when the clock says so, the injector one
 * that applies each step at the moment it was given. Nothing sleeps.
 */
class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final TestInjection injection = new TestInjection();

    /** A 10 s load: a kill at 2 s for {@code killFor}, a latency at 6 s for the rest of the load. */
    private static Scenario scenario(Duration killFor) {
        return Scenario.named("timeline")
            .on(Topologies.MULTI_REGION)
            .load(openLoad().rate(10).perSecond().during(ofSeconds(10)))
            .timeline(at(ofSeconds(2)).inject(kill()).on(leaderRegion()).lasting(killFor).named("kill"),
                at(ofSeconds(6)).inject(latency(ofMillis(300))).on(link("gateways-engine-r1")).named("slow"))
            .build();
    }

    @Test
    void preparesEachStepAheadAppliesItAtItsOffsetAndHealsItWhenItEnds() throws Exception {
        RunContext ctx = context(scenario(ofSeconds(3)), StepGate.AUTOMATIC);
        TestLoad load = new TestLoad(ofSeconds(10));

        run(ctx, load);

        assertThat(injection.preparedAt.get("kill")).isCloseTo(1.0, within(0.021));
        assertThat(injection.dueAt.get("kill")).isEqualTo(2.0);
        assertThat(injection.preparedAt.get("slow")).isCloseTo(5.0, within(0.021));
        assertThat(injection.dueAt.get("slow")).isEqualTo(6.0);
        ActiveStep kill = step(ctx, "kill");
        ActiveStep slow = step(ctx, "slow");
        assertThat(ctx.faultStart.get(kill)).isEqualTo(2.0);
        assertThat(ctx.faultEnd.get(kill)).isCloseTo(5.0, within(0.021));
        // lasting to the end of the load: healed once the load ended, in finally
        assertThat(ctx.faultEnd.get(slow)).isCloseTo(10.0, within(0.021));
        assertThat(injection.healedAt).containsOnlyKeys("kill", "slow");
        assertThat(ctx.stoppedEarly).isFalse();
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void anOperatorsAbortStopsTheLoadAndHealsWhatIsInForce() throws Exception {
        // the kill lasts 7 s, so it is in force when the gate is asked about the second step, at 5 s
        RunContext ctx = context(scenario(ofSeconds(7)), (step, effect) -> step.name().equals("slow")
            ? StepGate.Decision.ABORT : StepGate.Decision.PROCEED);
        TestLoad load = new TestLoad(ofSeconds(10));

        run(ctx, load);

        assertThat(load.stoppedAt).isCloseTo(5.0, within(0.021));
        assertThat(ctx.stoppedEarly).isTrue();
        assertThat(ctx.abort.finding()).get().extracting(f -> f.verdict()).isEqualTo(Verdict.ABORTED);
        assertThat(injection.preparedAt).containsOnlyKeys("kill");
        assertThat(injection.healedAt).containsOnlyKeys("kill");
        assertThat(injection.healedAt.get("kill")).isCloseTo(5.0, within(0.021));
    }

    @Test
    void whileTheRoomDeliberatesTheLoopHealsWhatEndsAndReportsEverySecond() throws Exception {
        // the kill (2 s, lasting 3 s) ends while the operator is asked about the second step (from 5 s); the answer
        // comes once the clock passed 8 s, or after 10 s of real time if the loop stopped (it waits on the gate)
        CountDownLatch roomAnswers = new CountDownLatch(1);
        List<Double> ticks = new CopyOnWriteArrayList<>();
        Map<String, Object> atAnswer = new ConcurrentHashMap<>();
        StepGate slowRoom = (step, effect) -> {
            if (step.name().equals("slow")) {
                // from now on the test's time moves while the question is open
                clock.answerWithinMillis = 0;
                try {
                    atAnswer.put("in time", roomAnswers.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atAnswer.put("healed", List.copyOf(injection.healedAt.keySet()));
                atAnswer.put("ticks", ticks.size());
            }
            return StepGate.Decision.PROCEED;
        };
        clock.onSleep = () -> {
            if (clock.nanos >= 8_000_000_000L && roomAnswers.getCount() > 0) {
                roomAnswers.countDown();
                // the operator's thread answers in real time
                clock.answerWithinMillis = 2_000;
            }
        };
        RunOptions options = RunOptions.defaults().withOutRoot(dir).withGate(slowRoom).withProgress(new ProgressListener() {
            @Override
            public void tick(Tick tick) {
                ticks.add(tick.elapsedSeconds());
            }
        });
        RunContext ctx = new RunContext(options, new RunAbort(options.progress()), null, scenario(ofSeconds(3)), null, T0, null);

        run(ctx, new TestLoad(ofSeconds(10)));

        assertThat(atAnswer).containsEntry("in time", true).containsEntry("healed", List.of("kill"));
        // the ticks of 5, 6 and 7 s came while the question was open (0 to 7: eight)
        assertThat((Integer) atAnswer.get("ticks")).isGreaterThanOrEqualTo(8);
        assertThat(injection.healedAt.get("kill")).isCloseTo(5.0, within(0.021));
        assertThat(injection.preparedAt.get("slow")).isBetween(8.0, 10.0);
        assertThat(injection.healedAt).containsOnlyKeys("kill", "slow");
    }

    @Test
    void whatIsInForceIsHealedWhenTheLoopFails() throws Exception {
        RunContext ctx = context(scenario(ofSeconds(3)), StepGate.AUTOMATIC);
        TestLoad load = new TestLoad(ofSeconds(10));
        load.failAt = 3.0;

        assertThatThrownBy(() -> run(ctx, load)).hasMessage("the load broke");

        assertThat(injection.healedAt).containsOnlyKeys("kill");
        assertThat(injection.healedAt.get("kill")).isCloseTo(3.0, within(0.021));
        assertThat(step(ctx, "kill").healedAt()).isPresent();
    }

    private RunContext context(Scenario scenario, StepGate gate) {
        RunOptions options = RunOptions.defaults().withOutRoot(dir).withGate(gate);
        return new RunContext(options, new RunAbort(options.progress()), null, scenario, null, T0, null);
    }

    private void run(RunContext ctx, TestLoad load) throws Exception {
        try (History history = History.create(dir.resolve("history.jsonl"))) {
            new Timeline(ctx, clock, h -> load, injection).run(history);
        }
    }

    private static ActiveStep step(RunContext ctx, String name) {
        return ctx.faults.stream().filter(f -> f.step().equals(name)).findFirst().orElseThrow();
    }

    /** Seconds since the load started, on the test's clock. */
    private double seconds() {
        return clock.nanos / 1e9;
    }

    /** Starts at {@link #T0}; moves only when slept on. */
    private static final class TestClock implements LoadClock {
        long nanos;

        @Override
        public long nowMicros() {
            return LoadClock.micros(T0) + nanos / 1000;
        }

        @Override
        public long nanoTime() {
            return nanos;
        }

        Runnable onSleep = () -> { };
        /** How long an operator's answer is waited for in real time before the test's time moves on. */
        volatile long answerWithinMillis = 2_000;

        @Override
        public void sleep(long millis) {
            nanos += millis * 1_000_000;
            onSleep.run();
        }

        /** A gate that answers at once answers without the test's time moving; one that waits lets it move. */
        @Override
        public void sleepUnlessDone(long millis, Future<?> answer) {
            try {
                answer.get(answerWithinMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                sleep(millis);
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        Instant instant(long atNanos) {
            return T0.plusNanos(atNanos);
        }
    }

    /** A load that started at {@link #T0} and ends at {@code duration}, or throws at {@code failAt}. */
    private final class TestLoad implements RunningLoad {
        private final Duration duration;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        double failAt = Double.MAX_VALUE;
        double stoppedAt = -1;

        TestLoad(Duration duration) {
            this.duration = duration;
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            if (clock.nanos >= duration.toNanos()) {
                exit.complete(0);
            }
            return exit;
        }

        @Override
        public long startMicros() {
            return LoadClock.micros(T0);
        }

        @Override
        public LiveStats.Interval interval() {
            if (seconds() >= failAt) {
                throw new IllegalStateException("the load broke");
            }
            return new LiveStats.Interval(10, 0, 0, 1.0);
        }

        @Override
        public long inFlight() {
            return 0;
        }

        @Override
        public void stop() {
            stoppedAt = seconds();
            exit.complete(0);
        }

        @Override
        public long arrivals() {
            return 0;
        }

        @Override
        public long plannedArrivals() {
            return 0;
        }

        @Override
        public LoadRun.Canary canary() {
            return null;
        }
    }

    /** Applies each step once the clock reaches the moment it was given; records when it was prepared and healed. */
    private final class TestInjection implements StepInjection {
        final Map<String, Double> preparedAt = new LinkedHashMap<>();
        final Map<String, Double> dueAt = new LinkedHashMap<>();
        final Map<String, Double> healedAt = new LinkedHashMap<>();

        @Override
        public void warmUp(List<TimelineStep> steps) {
        }

        @Override
        public Batch prepare(List<TimelineStep> steps, ToLongFunction<TimelineStep> dueNanos) {
            List<Long> due = new ArrayList<>();
            for (TimelineStep s : steps) {
                preparedAt.put(s.name(), seconds());
                dueAt.put(s.name(), dueNanos.applyAsLong(s) / 1e9);
                due.add(dueNanos.applyAsLong(s));
            }
            return new Batch() {
                @Override
                public boolean isDone() {
                    return due.stream().allMatch(d -> clock.nanos >= d);
                }

                @Override
                public List<FaultExecutor.Injected> await() {
                    List<FaultExecutor.Injected> done = new ArrayList<>();
                    for (int i = 0; i < steps.size(); i++) {
                        Instant inEffect = clock.instant(due.get(i));
                        ActiveStep fault = new ActiveStep(steps.get(i).name(), "test", "target", inEffect,
                            List.of(new TestFault(steps.get(i).name(), inEffect)));
                        done.add(new FaultExecutor.Injected(steps.get(i), fault, inEffect, inEffect, null, false,
                            Duration.ZERO));
                    }
                    return done;
                }

                @Override
                public List<FaultExecutor.Injected> awaitInEffect(long notAfterNanos) {
                    return await();
                }

                @Override
                public void abandonOverdue(long nowNanos) {
                }

                @Override
                public void cancel() {
                }
            };
        }

        private final class TestFault implements InjectedFault {
            private final String step;
            private final Instant injectedAt;
            private Instant healed;

            TestFault(String step, Instant injectedAt) {
                this.step = step;
                this.injectedAt = injectedAt;
            }

            @Override
            public String id() {
                return "f-" + step;
            }

            @Override
            public String type() {
                return "test";
            }

            @Override
            public String target() {
                return "target";
            }

            @Override
            public Instant injectedAt() {
                return injectedAt;
            }

            @Override
            public Optional<Instant> healedAt() {
                return Optional.ofNullable(healed);
            }

            @Override
            public HealResult heal() {
                if (healed == null) {
                    healed = clock.instant(clock.nanos);
                    healedAt.put(step, seconds());
                }
                return HealResult.healed("healed");
            }

            @Override
            public void close() {
                heal();
            }
        }
    }
}
