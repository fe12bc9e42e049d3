package io.exchangechaos.stack.matching;

public record Trade(long tradeId, String symbol, long price, long quantity,
                    String buyClientOrderId, String sellClientOrderId, long buyAccount, long sellAccount,
                    Side takerSide, long fee) {
}
