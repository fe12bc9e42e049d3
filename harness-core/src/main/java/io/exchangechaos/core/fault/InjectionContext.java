package io.exchangechaos.core.fault;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.ledger.FaultRecorder;
import java.nio.file.Path;

/** What an injector works with while it injects one step. */
public interface InjectionContext {

    /** The running stack; what the injector needs of it is a {@linkplain Stack#facet facet}. */
    Stack stack();

    /** Records faults before they touch anything, and applies each at the step's moment. */
    FaultRecorder recorder();

    /** The scenario file's directory: files a step names (a config to push) are relative to it. */
    Path scenarioDir();

    /**
     * Waits for the step's moment, for an action that is not a recorded fault (a restart).
     *
     * @throws io.exchangechaos.core.ledger.FaultInjectionException when the moment was cancelled (the run stopped first)
     */
    void awaitMoment(String what);
}
