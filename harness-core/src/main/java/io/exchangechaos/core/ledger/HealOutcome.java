package io.exchangechaos.core.ledger;


/** What one attempt to heal a fault found. */
public enum HealOutcome {
    /** The fault was in force and is healed now. */
    HEALED,
    /** Nothing was left to heal (removed by hand, target restarted, pid recycled, ...); marked healed. */
    ALREADY_GONE,
    /** Healing did not work; the fault stays unhealed in the ledger. */
    FAILED,
    /** Cleanup left it alone: the run that injected it is still running. */
    SKIPPED
}
