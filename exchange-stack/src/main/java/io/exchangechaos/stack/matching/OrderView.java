package io.exchangechaos.stack.matching;

/** An order as the outside world sees it; also the result of a command. */
public record OrderView(long orderId, long account, String clientOrderId, String symbol, Side side,
                        OrderType orderType, long price, long quantity, long filled, OrderStatus status,
                        String reason) {

    public OrderView withReason(String newReason) {
        return new OrderView(orderId, account, clientOrderId, symbol, side, orderType, price, quantity, filled, status, newReason);
    }
}
