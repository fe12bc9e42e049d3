package io.exchangechaos.core.ledger;


/** A fault could not be healed; it stays unhealed in the ledger, so {@code ./chaos cleanup} can try again. */
public final class FaultHealException extends RuntimeException {
    private final HealResult result;

    public FaultHealException(String message, HealResult result) {
        super(message);
        this.result = result;
    }

    public HealResult result() {
        return result;
    }
}
