package io.exchangechaos.core.adapter;

public record TradeRecord(String tradeId, String symbol, long price, long quantity, String buyClientOrderId,
                          String sellClientOrderId) {
}
