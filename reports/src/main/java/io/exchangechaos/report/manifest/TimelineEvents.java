package io.exchangechaos.report.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.RunClock;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import io.exchangechaos.report.json.ReportJson.Note;
import io.exchangechaos.report.json.ReportJson.Participant;
import io.exchangechaos.report.json.ReportJson.PhaseWindow;
import io.exchangechaos.report.json.ReportJson.RoomDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run's timeline as events, the way the manifest chains them: run started, each phase boundary, each fault
 * injected and healed, each participant of a game day signing in, each operator note and decision, run finished.
 * Derived from the outcome alone, so the verifier can derive them again from {@code report.json} and compare.
 */
final class TimelineEvents {

    private TimelineEvents() {
    }

    private record Timed(double second, int rank, int seq, ObjectNode event) {
    }

    static List<ObjectNode> of(ReportJson o) {
        List<Timed> timed = new ArrayList<>();
        Instant loadStart = RunClock.loadStart(o);
        int seq = 0;
        for (PhaseWindow p : list(o.phases())) {
            timed.add(new Timed(p.startSecond(), 2, seq++, event("phase-start").put("phase", p.phase()).put("second", p.startSecond())));
            timed.add(new Timed(p.endSecond(), 1, seq++, event("phase-end").put("phase", p.phase()).put("second", p.endSecond())));
        }
        for (FaultWindow f : list(o.faults())) {
            timed.add(new Timed(f.startSecond(), 3, seq++, fault("fault-injected", f).put("second", f.startSecond())
                .put("at", f.injectedAt())));
            if (f.healedAt() != null || f.endSecond() != null) {
                double end = f.endSecond() == null ? f.startSecond() : f.endSecond();
                ObjectNode healed = fault("fault-healed", f).put("at", f.healedAt());
                if (f.endSecond() != null) {
                    healed.put("second", f.endSecond());
                }
                timed.add(new Timed(end, 0, seq++, healed));
            }
        }
        for (Participant p : list(o.participants())) {
            timed.add(new Timed(second(loadStart, p.joinedAt()), 4, seq++, event("participant-joined").put("at", p.joinedAt())
                .put("name", p.name()).put("role", p.role())));
        }
        for (Note n : list(o.notes())) {
            timed.add(new Timed(second(loadStart, n.at()), 4, seq++, event("note").put("at", n.at()).put("author", n.author())
                .put("text", n.text())));
        }
        for (RoomDecision d : list(o.decisions())) {
            ObjectNode decision = event("decision").put("at", d.at()).put("author", d.author()).put("choice", d.choice())
                .put("fault", d.fault());
            decision.put("secondsAfterFault", d.secondsAfterFault());
            timed.add(new Timed(second(loadStart, d.at()), 4, seq++, decision));
        }
        timed.sort(Comparator.comparingDouble(Timed::second).thenComparingInt(Timed::rank).thenComparingInt(Timed::seq));

        List<ObjectNode> events = new ArrayList<>();
        events.add(event("run-started").put("at", o.startedAt()));
        timed.forEach(t -> events.add(t.event()));
        events.add(event("run-finished").put("at", o.finishedAt()).put("verdict", String.valueOf(o.verdict())));
        return events;
    }

    /** Seconds from the load's start to {@code iso}; last when either is unknown. */
    private static double second(Instant loadStart, String iso) {
        Instant at = Figures.instant(iso);
        return loadStart == null || at == null ? Double.MAX_VALUE : Duration.between(loadStart, at).toNanos() / 1e9;
    }

    /** One line a reader recognises, e.g. {@code fault-healed "lose the leader's region" at 45 s}. */
    static String describe(JsonNode event) {
        StringBuilder s = new StringBuilder(event.path("kind").asText("?"));
        for (String field : List.of("phase", "fault", "name", "choice")) {
            if (event.hasNonNull(field)) {
                s.append(" \"").append(event.get(field).asText()).append('"');
            }
        }
        if (event.hasNonNull("second")) {
            s.append(" at ").append(Figures.second(event.get("second").asDouble()));
        } else if (event.hasNonNull("at")) {
            s.append(" at ").append(event.get("at").asText());
        }
        return s.toString();
    }

    private static ObjectNode fault(String kind, FaultWindow f) {
        return event(kind).put("fault", f.name()).put("type", f.type()).put("target", f.target());
    }

    private static ObjectNode event(String kind) {
        return Canonical.object().put("kind", kind);
    }


    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
