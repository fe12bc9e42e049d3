package io.exchangechaos.core.run;

import java.util.List;

/** Live progress of a run, for a terminal or a CI log. */
public interface ProgressListener {

    /** A step of the lifecycle began: "starting stack", "steady state", "load", "reconciling"… */
    default void stage(String stage) {
    }

    /** Once a second while the load runs. */
    default void tick(Tick tick) {
    }

    /** A fault was injected or healed, or could not be. */
    default void event(String message) {
    }

    record Tick(String phase, double elapsedSeconds, double remainingSeconds, long okPerSecond, long errorsPerSecond,
                double p99Millis, List<String> activeFaults) {
    }

    ProgressListener NONE = new ProgressListener() {
    };
}
