package io.exchangechaos.core.adapter;

/**
 * What an {@link ExchangeAdapter} can observe of the exchange after a run: reconciliation reads only what the adapter
 * declares, and each invariant's checker says which of these it needs ({@code Checker#needs}). An invariant whose needs
 * the adapter does not meet is not among the run's default invariants, and a scenario that names one is refused.
 */
public enum Capability {
    /** {@link ExchangeAdapter#query} finds an order by the client's order id. */
    LOOKUP_BY_CLIENT_ID("look an order up by the client's order id"),
    /** {@link ExchangeAdapter#readState} lists every order the exchange holds ({@code ReplicaState#orders}). */
    LIST_ORDERS("list every order it holds"),
    /** Each listed order (and each trade's side) carries the client order id it was placed with. */
    ATTRIBUTION("attribute each listed order to the client's order id"),
    /** {@link ExchangeAdapter#readState} lists every trade ({@code ReplicaState#trades}). */
    TRADES("list the trades"),
    /** {@link ExchangeAdapter#readState} gives each asset's total over every account ({@code ReplicaState#totals}). */
    BALANCES("read each asset's total over every account"),
    /** {@link ExchangeAdapter#readState} gives a replica's digest and applied index, comparable between replicas. */
    REPLICA_STATE("read a comparable digest of each replica's state");

    private final String can;

    Capability(String can) {
        this.can = can;
    }

    /** What an adapter with it can do, completing "the adapter can …". */
    public String can() {
        return can;
    }
}
