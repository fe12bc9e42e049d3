package io.exchangechaos.core.run;

import io.exchangechaos.core.scenario.TimelineStep;

final class FaultExecutorTypes {
    private FaultExecutorTypes() {
    }

    static String type(TimelineStep step) {
        return step.fault().getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
