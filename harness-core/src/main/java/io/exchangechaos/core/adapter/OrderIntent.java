package io.exchangechaos.core.adapter;

/**
 * What the load wants done, in exchange-neutral terms. Prices and quantities are whole numbers in the
 * exchange's own units.
 */
public record OrderIntent(Kind kind, String clientOrderId, long account, String symbol, Side side, long price,
                          long quantity) {

    public enum Kind { LIMIT, MARKET, CANCEL }

    public enum Side { BUY, SELL }

    public static OrderIntent cancel(String clientOrderId, long account) {
        return new OrderIntent(Kind.CANCEL, clientOrderId, account, null, null, 0, 0);
    }

    public boolean isCancel() {
        return kind == Kind.CANCEL;
    }
}
