package io.exchangechaos.core.scenario;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A property of the whole run, checked on the history and the exchange's final state after the load, by the
 * {@link io.exchangechaos.core.check.Checker} that names it. The built-in ones are constants here; a plugin's checker
 * brings its own ({@code Invariant.of("positions-flat")}).
 *
 * @param id as written in scenario files and report.json: lower-case words joined by '-'
 */
public record Invariant(String id) {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Every acknowledged order is in the exchange's final state. */
    public static final Invariant NO_LOST_ACKED_ORDERS = new Invariant("no-lost-acked-orders");
    /** No client order id was accepted twice. */
    public static final Invariant NO_DUPLICATE_ORDERS = new Invariant("no-duplicate-orders");
    /** No order is filled beyond its quantity. */
    public static final Invariant FILLS_WITHIN_QUANTITY = new Invariant("fills-within-quantity");
    /** Trades move balances without creating or destroying any. */
    public static final Invariant BALANCES_CONSERVED = new Invariant("balances-conserved");
    /** All engine replicas end with the same state digest. */
    public static final Invariant REPLICAS_CONVERGE = new Invariant("replicas-converge");
    /** Every order whose outcome was unknown is resolved by reconciliation. */
    public static final Invariant INDETERMINATE_RESOLVED = new Invariant("indeterminate-resolved");

    /** The invariants harness-core checks itself, in report order: what a scenario checks when it names none. */
    public static final List<Invariant> BUILT_IN = List.of(NO_LOST_ACKED_ORDERS, NO_DUPLICATE_ORDERS,
        FILLS_WITHIN_QUANTITY, BALANCES_CONSERVED, REPLICAS_CONVERGE, INDETERMINATE_RESOLVED);

    public Invariant {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invariant id [" + id + "] is not lower-case words joined by '-'; "
                + "write it like no-lost-acked-orders");
        }
    }

    public static Invariant of(String id) {
        return new Invariant(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
