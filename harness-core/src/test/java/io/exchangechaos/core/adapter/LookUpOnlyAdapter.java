package io.exchangechaos.core.adapter;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plain exchange's adapter, as a team writes it first: it places orders and looks one up by the client's id, but
 * cannot list orders, trades or balances, and the exchange has one process. Isolates what reconciliation does with an
 * adapter that declares little; every order it is asked about is one of {@link #held}.
 */
public final class LookUpOnlyAdapter implements ExchangeAdapter {
    public static final String NAME = "look-up-only";

    private final Map<String, OrderRecord> held;

    public LookUpOnlyAdapter(Map<String, OrderRecord> held) {
        this.held = held;
    }

    public LookUpOnlyAdapter() {
        this(Map.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.LOOKUP_BY_CLIENT_ID);
    }

    @Override
    public HttpCall request(OrderIntent intent) {
        return HttpCall.json("POST", "/order", intent.clientOrderId());
    }

    @Override
    public Answer classify(OrderIntent intent, int status, String body) {
        return new Answer(status == 200 ? Answer.Kind.ACKNOWLEDGED : Answer.Kind.UNKNOWN, false, null, body);
    }

    @Override
    public Optional<OrderRecord> query(URI entrypoint, String clientOrderId, Duration timeout) {
        return Optional.ofNullable(held.get(clientOrderId));
    }

    @Override
    public ReplicaState readState(URI replica, Duration timeout) throws IOException {
        throw new IOException("this exchange has no whole-state endpoint");
    }

    @Override
    public long referencePrice(String symbol) {
        return 100;
    }

    @Override
    public List<String> defaultSymbols() {
        return List.of("ACME-USD");
    }
}
