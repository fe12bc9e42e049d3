package io.exchangechaos.core.run;

import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.RunOutcome;
import java.util.List;

/**
 * Asked before each timeline step; a game day puts an operator here. Automatic runs proceed at once.
 */
public interface StepGate {

    enum Decision { PROCEED, SKIP, ABORT }

    Decision beforeStep(TimelineStep step, String expectedEffect);

    /** Notes taken during the run, for the report. */
    default List<RunOutcome.Note> notes() {
        return List.of();
    }

    /** Who took part in a game day, for the report. */
    default List<RunOutcome.Participant> participants() {
        return List.of();
    }

    /** The room's decisions during a game day, for the report. */
    default List<RunOutcome.RoomDecision> decisions() {
        return List.of();
    }

    StepGate AUTOMATIC = (step, effect) -> Decision.PROCEED;
}
