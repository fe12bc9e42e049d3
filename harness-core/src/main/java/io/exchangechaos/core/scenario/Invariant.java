package io.exchangechaos.core.scenario;

/** A property of the whole run, checked on the history after the load. */
public enum Invariant implements Spelled {
    /** Every acknowledged order is in the exchange's final state. */
    NO_LOST_ACKED_ORDERS("no-lost-acked-orders"),
    /** No client order id was accepted twice. */
    NO_DUPLICATE_ORDERS("no-duplicate-orders"),
    /** No order is filled beyond its quantity. */
    FILLS_WITHIN_QUANTITY("fills-within-quantity"),
    /** Trades move balances without creating or destroying any. */
    BALANCES_CONSERVED("balances-conserved"),
    /** All engine replicas end with the same state digest. */
    REPLICAS_CONVERGE("replicas-converge"),
    /** Every order whose outcome was unknown is resolved by reconciliation. */
    INDETERMINATE_RESOLVED("indeterminate-resolved");

    private final String id;

    Invariant(String id) {
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
