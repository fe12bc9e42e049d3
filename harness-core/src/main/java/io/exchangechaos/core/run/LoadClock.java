package io.exchangechaos.core.run;

import java.time.Instant;

/** Wall-clock microseconds, the unit the history and the timeline share. */
final class LoadClock {
    private LoadClock() {
    }

    static long nowMicros() {
        return micros(Instant.now());
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
