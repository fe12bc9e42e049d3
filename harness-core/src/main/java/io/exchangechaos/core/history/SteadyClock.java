package io.exchangechaos.core.history;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The time every run-relative timestamp is taken on: the wall clock read once, then advanced by the monotonic clock
 * alone. Gatling schedules arrivals on {@link System#nanoTime()}; when the machine's wall clock is stepped during a run
 * (an NTP correction, a virtual machine resumed from a pause), timestamps read from {@link Instant#now()} would move
 * every later operation by the step against its schedule — a constant "start lag" that nothing ever sent late — and
 * move operations against fault windows. On this clock they move only as far as time really passed.
 */
public final class SteadyClock {
    private static final SteadyClock PROCESS = new SteadyClock(Instant::now, System::nanoTime);

    private final LongSupplier nanos;
    private final long anchorMicros;
    private final long anchorNanos;

    /** @param wall read once, as the anchor; @param nanos a monotonic nanosecond counter */
    SteadyClock(Supplier<Instant> wall, LongSupplier nanos) {
        this.nanos = nanos;
        this.anchorNanos = nanos.getAsLong();
        Instant w = wall.get();
        this.anchorMicros = w.getEpochSecond() * 1_000_000 + w.getNano() / 1_000;
    }

    /** Microseconds since the epoch, monotonic: anchored to the wall clock when this JVM first asked. */
    public static long nowMicros() {
        return PROCESS.micros();
    }

    /** As {@link #nowMicros()}, as an instant. */
    public static Instant now() {
        long m = nowMicros();
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000), Math.floorMod(m, 1_000_000) * 1_000L);
    }

    long micros() {
        return anchorMicros + (nanos.getAsLong() - anchorNanos) / 1_000;
    }
}
