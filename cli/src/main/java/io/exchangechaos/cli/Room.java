package io.exchangechaos.cli;

import io.exchangechaos.core.verdict.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The people of a game day and what they decided: participants as they sign in to the web console, and each decision
 * with the time from the last fault injected before it, since the time to decide is part of recovery. Thread-safe:
 * the console's requests and the run's progress reach it from different threads.
 */
final class Room {
    /** Longest name or role kept: a projector shows one line, and a report is not a place for essays. */
    static final int MAX_NAME = 60;
    /** Longest decision kept. */
    static final int MAX_CHOICE = 120;

    private final List<RunOutcome.Participant> participants = new ArrayList<>();
    private final List<RunOutcome.RoomDecision> decisions = new ArrayList<>();
    private String lastFault;
    private Instant lastFaultAt;

    /**
     * Signs {@code name} in; signing in again under the same name (a reloaded page) keeps the first entry.
     *
     * @return the participant, as first signed in
     */
    synchronized RunOutcome.Participant join(String name, String role, Instant at) {
        for (RunOutcome.Participant p : participants) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        RunOutcome.Participant p = new RunOutcome.Participant(name, role, at);
        participants.add(p);
        return p;
    }

    synchronized boolean joined(String name) {
        return participants.stream().anyMatch(p -> p.name().equals(name));
    }

    /** A fault went in now: decisions from here on are timed from it. */
    synchronized void faultInjected(String name, Instant at) {
        lastFault = name;
        lastFaultAt = at;
    }

    /** The last fault injected, and when; empty before the first. */
    synchronized Optional<Instant> lastFaultAt() {
        return Optional.ofNullable(lastFaultAt);
    }

    synchronized RunOutcome.RoomDecision decide(String choice, String author, Instant at) {
        Optional<Duration> after = lastFaultAt == null ? Optional.empty()
            : Optional.of(Duration.between(lastFaultAt, at).isNegative() ? Duration.ZERO : Duration.between(lastFaultAt, at));
        RunOutcome.RoomDecision d = new RunOutcome.RoomDecision(at, author, choice, Optional.ofNullable(lastFault), after);
        decisions.add(d);
        return d;
    }

    synchronized List<RunOutcome.Participant> participants() {
        return List.copyOf(participants);
    }

    synchronized List<RunOutcome.RoomDecision> decisions() {
        return List.copyOf(decisions);
    }
}
