package io.exchangechaos.core.run;

import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.scenario.TimelineStep;
import java.util.List;
import java.util.function.ToLongFunction;

/** How the {@link Timeline} has its steps injected: by a {@link FaultExecutor}, or a test's stand-in. */
interface StepInjection {

    /** Loads what the injectors need before the first step is due. */
    void warmUp(List<TimelineStep> steps);

    /** As {@link FaultExecutor#prepare}: steps applied at their moments ({@code dueNanos}, on {@link LoadClock#nanoTime()}). */
    Batch prepare(List<TimelineStep> steps, ToLongFunction<TimelineStep> dueNanos);

    /** As {@link FaultExecutor.Prepared}. */
    interface Batch {
        boolean isDone();

        List<FaultExecutor.Injected> await();

        List<FaultExecutor.Injected> awaitInEffect(long notAfterNanos);

        void abandonOverdue(long nowNanos);

        void cancel();
    }

    static StepInjection of(FaultExecutor executor) {
        return new StepInjection() {
            @Override
            public void warmUp(List<TimelineStep> steps) {
                executor.warmUp(steps);
            }

            @Override
            public Batch prepare(List<TimelineStep> steps, ToLongFunction<TimelineStep> dueNanos) {
                FaultExecutor.Prepared p = executor.prepare(steps, dueNanos);
                return new Batch() {
                    @Override
                    public boolean isDone() {
                        return p.isDone();
                    }

                    @Override
                    public List<FaultExecutor.Injected> await() {
                        return p.await();
                    }

                    @Override
                    public List<FaultExecutor.Injected> awaitInEffect(long notAfterNanos) {
                        return p.awaitInEffect(notAfterNanos);
                    }

                    @Override
                    public void abandonOverdue(long nowNanos) {
                        p.abandonOverdue(nowNanos);
                    }

                    @Override
                    public void cancel() {
                        p.cancel();
                    }
                };
            }
        };
    }
}
