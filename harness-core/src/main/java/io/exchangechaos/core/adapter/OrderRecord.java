package io.exchangechaos.core.adapter;

/**
 * An order as one replica of the exchange holds it, for reconciliation.
 *
 * @param open whether it can still trade
 */
public record OrderRecord(String clientOrderId, long account, String symbol, String side, long quantity,
                          long filled, String state, boolean open, boolean rejected) {
}
