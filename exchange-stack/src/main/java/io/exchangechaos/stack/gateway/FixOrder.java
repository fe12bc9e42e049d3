package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderType;
import io.exchangechaos.stack.matching.OrderView;
import io.exchangechaos.stack.matching.Side;
import io.exchangechaos.stack.matching.Trade;
import java.util.ArrayList;
import java.util.List;
import quickfix.SessionID;

/**
 * One order as a gateway's FIX side knows it: who placed it, what has been reported to them, and the execution
 * reports still waiting for fills to be reported first. Every method is called under the order's own lock
 * (callers synchronise on it), so its reports go out in order: the acknowledgement before its fills, its fills
 * before a report that counts them.
 */
final class FixOrder {
    final String clientOrderId;
    /** The session its unsolicited reports go to: fills, cancels on disconnect. */
    final SessionID owner;
    /** The owner's logon it was placed in, or -1 when it was placed elsewhere (another gateway, before a restart). */
    final int connection;
    long account;
    String symbol;
    Side side;
    OrderType type;
    long quantity;
    long price;
    long orderId;
    /** Filled quantity and its notional, as reported to the owner. */
    long cum;
    long notional;
    /** The most the engine has said is filled: fills to report until {@link #cum} reaches it. */
    long engineFilled;
    /** The last trade counted in {@link #cum}. */
    long lastTradeId;
    /** Whether the order's first report went out; fills wait for it. */
    boolean answered;
    /** Whether the engine's answer to placing it is still unknown (no answer, or the gateway gave up waiting). */
    boolean outcomeUnknown;
    /** The latest status the engine gave, or null before its first answer. */
    OrderStatus status;
    /** Cancel it as soon as its placing is answered: its session was dropped with Cancel-on-Disconnect. */
    boolean cancelWhenAnswered;
    /** Its trades are followed from before the engine saw it, so the trade feed alone accounts for every fill. */
    final boolean followedFromStart;
    /** Fills seen before the order was answered, reported right after the answer. */
    final List<Trade> early = new ArrayList<>();
    /** Reports that count fills not reported yet: they go out once {@link #cum} reaches their count. */
    final List<Waiting> waiting = new ArrayList<>();

    /** A report to send once {@code filled} is reported; {@code deadline} in {@link System#nanoTime()}. */
    record Waiting(long filled, long deadline, Runnable send) {
    }

    /** An order placed through this gateway's FIX side, followed from before the engine saw it. */
    FixOrder(Command.Place place, SessionID owner, int connection) {
        this.clientOrderId = place.clientOrderId();
        this.owner = owner;
        this.connection = connection;
        this.account = place.account();
        this.symbol = place.symbol();
        this.side = place.side();
        this.type = place.orderType();
        this.quantity = place.quantity();
        this.price = place.price();
        this.followedFromStart = true;
    }

    /** An order the gateway first hears of from the engine (asked about, or placed elsewhere). */
    FixOrder(OrderView view, SessionID owner) {
        this.clientOrderId = view.clientOrderId();
        this.owner = owner;
        this.connection = -1;
        this.followedFromStart = false;
        this.answered = true;
        learn(view);
    }

    /** What the engine says of it now. */
    void learn(OrderView view) {
        if (view.symbol() == null) {
            return;  // the engine's answer for an order it does not have
        }
        orderId = view.orderId();
        engineFilled = Math.max(engineFilled, view.filled());
        account = view.account();
        symbol = view.symbol();
        side = view.side();
        type = view.orderType();
        quantity = view.quantity();
        price = view.price();
        if (status == null || !isFinal(status) || view.status() == OrderStatus.CANCELED) {
            status = view.status();
        }
    }

    /**
     * Counts one trade; false when it was counted already (a trade arrives once from the feed, and again from a
     * catch-up read).
     */
    boolean fill(Trade t) {
        if (t.tradeId() <= lastTradeId) {
            return false;
        }
        lastTradeId = t.tradeId();
        cum += t.quantity();
        notional += t.price() * t.quantity();
        if (cum >= quantity) {
            status = OrderStatus.FILLED;
        } else if (status == null || status == OrderStatus.NEW) {
            status = OrderStatus.PARTIALLY_FILLED;
        }
        return true;
    }

    /**
     * Replaces what is counted with every trade of the order, read at once from the engine: for an order not
     * followed from the start. A read older than what is counted already changes nothing.
     */
    void recount(List<Trade> all) {
        long qty = 0;
        long value = 0;
        long last = 0;
        for (Trade t : all) {
            qty += t.quantity();
            value += t.price() * t.quantity();
            last = Math.max(last, t.tradeId());
        }
        if (qty >= cum && last >= lastTradeId) {
            cum = qty;
            notional = value;
            lastTradeId = last;
        }
    }

    double averagePrice() {
        return cum == 0 ? 0 : (double) notional / cum;
    }

    long leaves() {
        return status != null && status.isOpen() ? Math.max(0, quantity - cum) : 0;
    }

    /** Nothing more can happen to it, and nothing about it waits to be reported, its fills included. */
    boolean done() {
        return status != null && isFinal(status) && waiting.isEmpty() && !outcomeUnknown && cum >= engineFilled;
    }

    boolean resting() {
        return status != null && status.isOpen();
    }

    private static boolean isFinal(OrderStatus s) {
        return !s.isOpen();
    }
}
