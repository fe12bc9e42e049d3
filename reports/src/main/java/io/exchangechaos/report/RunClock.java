package io.exchangechaos.report;

import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import java.time.Instant;

/** Relates the seconds of a run (counted from the start of the load) to instants. */
public final class RunClock {

    private RunClock() {
    }

    /** When the load started, told by a fault that knows both its instant and its second; null if none does. */
    public static Instant loadStart(ReportJson o) {
        if (o.faults() == null) {
            return null;
        }
        for (FaultWindow f : o.faults()) {
            Instant injected = Figures.instant(f.injectedAt());
            if (injected != null) {
                return injected.minusNanos(Math.round(f.startSecond() * 1e9));
            }
        }
        return null;
    }
}
