package io.exchangechaos.core.run;

import java.time.Instant;

/** Wall-clock microseconds, the unit the history and the timeline share. */
final class LoadClock {
    private LoadClock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
