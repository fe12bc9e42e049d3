package io.exchangechaos.core.scenario;

/** A part of the load window that budgets are judged over. */
public enum Phase implements Spelled {
    /** From the start of the load to the first fault injected. */
    BASELINE("baseline"),
    /** From the first fault injected to the last one healed. */
    FAULT("fault"),
    /** From the last fault healed to the end of the load. */
    RECOVERY("recovery"),
    /** The whole load window. */
    OVERALL("overall");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    /** As written in scenario files. */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
