package io.exchangechaos.core.run;

import io.exchangechaos.core.history.SteadyClock;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The clock a run's timeline keeps: wall-clock microseconds (the unit the history and the timeline share), the
 * monotonic nanoseconds fault moments are set on, and sleeping. Injected, so a test drives the timeline on a clock of
 * its own without sleeping.
 */
interface LoadClock {

    /** The machine's clocks. */
    LoadClock SYSTEM = new LoadClock() {
        @Override
        public long nowMicros() {
            return SteadyClock.nowMicros();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void sleepUnlessDone(long millis, Future<?> answer) {
            try {
                answer.get(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // slept long enough, or the answer is there to be read
            }
        }
    };

    /** Microseconds since the epoch, on the {@link SteadyClock} the history's timestamps are on. */
    long nowMicros();

    /** As {@link System#nanoTime()}: the clock {@code FaultExecutor}'s moments are on. */
    long nanoTime();

    /** Sleeps; an interrupt is kept as the thread's status. */
    void sleep(long millis);

    /** Sleeps, or less once {@code answer} is done (an operator's answer is acted on at once). */
    void sleepUnlessDone(long millis, Future<?> answer);

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
