package io.exchangechaos.core.adapter;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one seam between the harness and an exchange's order protocol. The load, the history and the checkers
 * see orders only through this; the staged exchange's REST/JSON adapter is the built-in default, and a user's
 * own exchange plugs in its own (found with {@link java.util.ServiceLoader} by {@link #name()}).
 */
public interface ExchangeAdapter {

    /** The name a topology file uses to pick this adapter ({@code adapter: NAME}). */
    String name();

    /**
     * Takes the topology's {@code adapterConfig:} (a free mapping: text, numbers, booleans, lists and mappings as
     * YAML reads them), once, before anything else is called. Values named like secrets are kept out of reports.
     *
     * @throws IllegalArgumentException saying what is wrong with it and how to fix it (reported against the topology)
     */
    default void configure(Map<String, Object> config) {
    }

    /**
     * What is wrong with {@code symbol} for this exchange, if anything: a scenario's {@code load.symbols} are checked
     * with it. Any format is the adapter's to allow.
     */
    default Optional<String> checkSymbol(String symbol) {
        return Optional.empty();
    }

    /**
     * What reconciliation can observe through this adapter ({@link #query}, and which parts of {@link #readState} mean
     * something). Each invariant needs some of these; those this adapter cannot observe are left out of a run's default
     * invariants, and a scenario that names one is refused before anything starts. Declare only what the exchange
     * really gives: a listing without client order ids would make duplicates invisible, a missing trade list would
     * make every filled order look wrong. By default only look-ups by client order id ({@link #query}).
     */
    default Set<Capability> capabilities() {
        return Set.of(Capability.LOOKUP_BY_CLIENT_ID);
    }

    /** The request that places or cancels an order at an entrypoint. */
    HttpCall request(OrderIntent intent);

    /** Reads a response: acknowledged, rejected, failed or unknown. */
    Answer classify(OrderIntent intent, int status, String body);

    /**
     * Looks an order up after the run, to resolve an operation whose outcome was unknown. Empty means the
     * exchange has no such order.
     */
    Optional<OrderRecord> query(URI entrypoint, String clientOrderId, Duration timeout) throws IOException;

    /** Reads a replica's whole state for reconciliation. */
    ReplicaState readState(URI replica, Duration timeout) throws IOException;

    /** A price the load can quote around, per symbol: orders priced near it are valid and often cross. */
    long referencePrice(String symbol);

    /** Symbols the load uses when a scenario names none. */
    List<String> defaultSymbols();
}
