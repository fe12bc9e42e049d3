package io.exchangechaos.core.scenario;

/** Which order operations a budget counts. */
public enum OrderOperation implements Spelled {
    /** Placing an order. */
    PLACE("place"),
    /** Cancelling an order. */
    CANCEL("cancel"),
    /** Querying an order by client order id. */
    QUERY("query"),
    /** All operations together. */
    ANY("any");

    private final String id;

    OrderOperation(String id) {
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
