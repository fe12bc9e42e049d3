package io.exchangechaos.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SteadyClockTest {

    @Test
    void aSteppedWallClockMovesNoTimestamp() {
        // GIVEN a clock anchored at a wall time, and a wall clock that is later stepped 3 s ahead
        AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-12-07T04:36:52Z"));
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        SteadyClock clock = new SteadyClock(wall::get, nanos::get);

        // WHEN 17.25 s pass, the wall clock jumps 2.93 s, and 1 s more passes
        nanos.addAndGet(17_250_000_000L);
        long before = clock.micros();
        wall.set(wall.get().plusMillis(17_250 + 2_930));
        nanos.addAndGet(1_000_000_000L);

        // THEN the timestamps advance by the time that passed, not by the step
        assertThat(before).isEqualTo(Instant.parse("2026-12-07T04:37:09.250Z").toEpochMilli() * 1_000);
        assertThat(clock.micros() - before).isEqualTo(1_000_000L);
    }

    @Test
    void theProcessClockStartsAtTheWallClockAndNeverGoesBack() {
        long wall = Instant.now().toEpochMilli() * 1_000;
        long first = SteadyClock.nowMicros();
        long second = SteadyClock.nowMicros();

        assertThat(second).isGreaterThanOrEqualTo(first);
        // anchored to the wall clock when first asked: within the steps this machine's clock makes
        assertThat(Math.abs(first - wall)).isLessThan(60_000_000L);
        assertThat(SteadyClock.now().toEpochMilli() * 1_000).isBetween(second - 1_000, SteadyClock.nowMicros());
    }
}
