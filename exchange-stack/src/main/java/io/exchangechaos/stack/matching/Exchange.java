package io.exchangechaos.stack.matching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Price-time priority order books plus a ledger with holds and taker fees. Deterministic: no clocks, no
 * randomness, no hash-order iteration in anything that affects state, so every replica applying the same
 * commands ends in the same state (and the same digest). Not thread-safe: the caller serialises access.
 */
public final class Exchange {
    private final Ledger ledger;
    private final Map<String, Order> ordersByClientId;
    private final Map<String, Book> books = new TreeMap<>();
    private final List<Trade> trades;
    private long nextOrderId;
    private long nextTradeId;

    private Exchange(Ledger ledger, Map<String, Order> orders, List<Trade> trades, long nextOrderId, long nextTradeId) {
        this.ledger = ledger;
        this.ordersByClientId = orders;
        this.trades = trades;
        this.nextOrderId = nextOrderId;
        this.nextTradeId = nextTradeId;
        Assets.SYMBOLS.forEach(s -> books.put(s, new Book()));
        // rebuild the books from resting orders, in order-id (= arrival) order, which is time priority
        orders.values().stream().filter(o -> o.status.isOpen() && o.type == OrderType.LIMIT)
            .sorted(Comparator.comparingLong(o -> o.orderId))
            .forEach(o -> books.get(o.symbol).rest(o));
    }

    public static Exchange genesis() {
        return new Exchange(Ledger.genesis(), new LinkedHashMap<>(), new ArrayList<>(), 1, 1);
    }

    public OrderView apply(Command command) {
        Order existing = ordersByClientId.get(command.clientOrderId());
        if (command instanceof Command.Place p) {
            return existing != null ? existing.view() : place(p);
        }
        return cancel((Command.Cancel) command, existing);
    }

    private OrderView place(Command.Place p) {
        Order o = new Order(nextOrderId++, p);
        ordersByClientId.put(o.clientOrderId, o);
        String reason = check(p);
        if (reason != null) {
            o.status = OrderStatus.REJECTED;
            o.reason = reason;
            return o.view();
        }
        String base = Assets.base(o.symbol);
        String quote = Assets.quote(o.symbol);
        boolean held = o.side == Side.BUY
            ? ledger.hold(o.account, quote, o.held = buyHold(o.price, o.quantity))
            : ledger.hold(o.account, base, o.held = o.quantity);
        if (!held) {
            o.held = 0;
            o.status = OrderStatus.REJECTED;
            o.reason = "insufficient funds";
            return o.view();
        }
        match(o, books.get(o.symbol));
        if (o.remaining() > 0 && o.type == OrderType.LIMIT) {
            books.get(o.symbol).rest(o);
        } else {
            close(o, o.remaining() > 0 ? OrderStatus.CANCELED : OrderStatus.FILLED);
        }
        return o.view();
    }

    private static String check(Command.Place p) {
        if (!Assets.isAccount(p.account())) {
            return "unknown account";
        }
        if (!Assets.SYMBOLS.contains(p.symbol())) {
            return "unknown symbol";
        }
        if (p.quantity() <= 0) {
            return "quantity must be positive";
        }
        if (p.price() <= 0) {
            return "price must be positive";
        }
        return null;
    }

    private static long buyHold(long price, long quantity) {
        long notional = price * quantity;
        return notional + Assets.takerFee(notional);
    }

    private void match(Order taker, Book book) {
        TreeMap<Long, ArrayDeque<Order>> opposite = taker.side == Side.BUY ? book.asks : book.bids;
        while (taker.remaining() > 0 && !opposite.isEmpty()) {
            Map.Entry<Long, ArrayDeque<Order>> best = opposite.firstEntry();
            long price = best.getKey();
            boolean crosses = taker.side == Side.BUY ? price <= taker.price : price >= taker.price;
            if (!crosses) {
                return;
            }
            ArrayDeque<Order> level = best.getValue();
            Order maker = level.peekFirst();
            long qty = Math.min(taker.remaining(), maker.remaining());
            fill(taker, maker, price, qty);
            if (maker.remaining() == 0) {
                level.pollFirst();
                close(maker, OrderStatus.FILLED);
                if (level.isEmpty()) {
                    opposite.pollFirstEntry();
                }
            }
        }
    }

    private void fill(Order taker, Order maker, long price, long qty) {
        Order buy = taker.side == Side.BUY ? taker : maker;
        Order sell = taker.side == Side.BUY ? maker : taker;
        String base = Assets.base(taker.symbol);
        String quote = Assets.quote(taker.symbol);
        long notional = price * qty;
        long fee = Assets.takerFee(notional);
        long buyerPays = notional + (taker == buy ? fee : 0);
        long sellerGets = notional - (taker == sell ? fee : 0);

        ledger.spendHeld(buy.account, quote, buyerPays);
        buy.held -= buyerPays;
        ledger.credit(buy.account, base, qty);

        ledger.spendHeld(sell.account, base, qty);
        sell.held -= qty;
        ledger.credit(sell.account, quote, sellerGets);

        ledger.credit(Assets.FEE_ACCOUNT, quote, fee);
        taker.filled += qty;
        maker.filled += qty;
        taker.status = OrderStatus.PARTIALLY_FILLED;
        maker.status = OrderStatus.PARTIALLY_FILLED;
        trades.add(new Trade(nextTradeId++, taker.symbol, price, qty, buy.clientOrderId, sell.clientOrderId,
            buy.account, sell.account, taker.side, fee));
    }

    private void close(Order o, OrderStatus status) {
        String asset = o.side == Side.BUY ? Assets.quote(o.symbol) : Assets.base(o.symbol);
        if (o.held > 0) {
            ledger.release(o.account, asset, o.held);
            o.held = 0;
        }
        o.status = status;
    }

    private OrderView cancel(Command.Cancel c, Order o) {
        if (o == null) {
            return new OrderView(0, c.account(), c.clientOrderId(), null, null, null, 0, 0, 0,
                OrderStatus.REJECTED, "unknown order");
        }
        if (o.account != c.account()) {
            return o.view().withReason("order belongs to another account");
        }
        if (!o.status.isOpen()) {
            return o.view();
        }
        books.get(o.symbol).remove(o);
        close(o, OrderStatus.CANCELED);
        return o.view();
    }

    public OrderView order(String clientOrderId) {
        Order o = ordersByClientId.get(clientOrderId);
        return o == null ? null : o.view();
    }

    public List<OrderView> orders() {
        List<OrderView> out = new ArrayList<>(ordersByClientId.size());
        ordersByClientId.values().forEach(o -> out.add(o.view()));
        return out;
    }

    public List<Trade> trades() {
        return List.copyOf(trades);
    }

    /** Up to {@code limit} trades after the one with id {@code afterTradeId}, oldest first (trade n is the n-th). */
    public List<Trade> tradesAfter(long afterTradeId, int limit) {
        int from = (int) Math.min(Math.max(afterTradeId, 0), trades.size());
        return List.copyOf(trades.subList(from, Math.min(trades.size(), from + Math.max(limit, 0))));
    }

    /** Every trade an order took part in, oldest first. */
    public List<Trade> tradesOf(String clientOrderId) {
        List<Trade> out = new ArrayList<>();
        for (Trade t : trades) {
            if (t.buyClientOrderId().equals(clientOrderId) || t.sellClientOrderId().equals(clientOrderId)) {
                out.add(t);
            }
        }
        return out;
    }

    public long tradeCount() {
        return trades.size();
    }

    public Map<Long, Map<String, Ledger.Balance>> balances() {
        return ledger.view();
    }

    public int orderCount() {
        return ordersByClientId.size();
    }

    /** SHA-256 over orders, trades and balances in a canonical order: equal digests, equal state. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ordersByClientId.values().stream().sorted(Comparator.comparingLong(o -> o.orderId))
                .forEach(o -> md.update(o.view().toString().getBytes(StandardCharsets.UTF_8)));
            trades.forEach(t -> md.update(t.toString().getBytes(StandardCharsets.UTF_8)));
            md.update(ledger.view().toString().getBytes(StandardCharsets.UTF_8));
            md.update((nextOrderId + "/" + nextTradeId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Snapshot snapshot() {
        List<OrderSnapshot> orders = new ArrayList<>(ordersByClientId.size());
        ordersByClientId.values().forEach(o -> orders.add(new OrderSnapshot(o.view(), o.held)));
        return new Snapshot(orders, List.copyOf(trades), ledger.view(), nextOrderId, nextTradeId);
    }

    public static Exchange restore(Snapshot s) {
        Ledger ledger = new Ledger();
        ledger.restore(s.balances());
        Map<String, Order> orders = new LinkedHashMap<>();
        s.orders().forEach(os -> orders.put(os.order().clientOrderId(), new Order(os)));
        return new Exchange(ledger, orders, new ArrayList<>(s.trades()), s.nextOrderId(), s.nextTradeId());
    }

    public record OrderSnapshot(OrderView order, long held) {
    }

    public record Snapshot(List<OrderSnapshot> orders, List<Trade> trades,
                           Map<Long, Map<String, Ledger.Balance>> balances, long nextOrderId, long nextTradeId) {
    }

    /** One symbol's resting orders: best price first, then arrival order. */
    private static final class Book {
        final TreeMap<Long, ArrayDeque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, ArrayDeque<Order>> asks = new TreeMap<>();

        void rest(Order o) {
            (o.side == Side.BUY ? bids : asks).computeIfAbsent(o.price, p -> new ArrayDeque<>()).addLast(o);
        }

        void remove(Order o) {
            TreeMap<Long, ArrayDeque<Order>> side = o.side == Side.BUY ? bids : asks;
            ArrayDeque<Order> level = side.get(o.price);
            if (level == null) {
                return;
            }
            for (Iterator<Order> it = level.iterator(); it.hasNext(); ) {
                if (it.next() == o) {
                    it.remove();
                    break;
                }
            }
            if (level.isEmpty()) {
                side.remove(o.price);
            }
        }
    }

    private static final class Order {
        final long orderId;
        final long account;
        final String clientOrderId;
        final String symbol;
        final Side side;
        final OrderType type;
        final long price;
        final long quantity;
        long filled;
        long held;
        OrderStatus status = OrderStatus.NEW;
        String reason;

        Order(long orderId, Command.Place p) {
            this.orderId = orderId;
            this.account = p.account();
            this.clientOrderId = p.clientOrderId();
            this.symbol = p.symbol();
            this.side = p.side();
            this.type = p.orderType();
            this.price = p.price();
            this.quantity = p.quantity();
        }

        Order(OrderSnapshot s) {
            OrderView v = s.order();
            this.orderId = v.orderId();
            this.account = v.account();
            this.clientOrderId = v.clientOrderId();
            this.symbol = v.symbol();
            this.side = v.side();
            this.type = v.orderType();
            this.price = v.price();
            this.quantity = v.quantity();
            this.filled = v.filled();
            this.held = s.held();
            this.status = v.status();
            this.reason = v.reason();
        }

        long remaining() {
            return quantity - filled;
        }

        OrderView view() {
            return new OrderView(orderId, account, clientOrderId, symbol, side, type, price, quantity, filled, status, reason);
        }
    }

    /** Totals of every asset over every account, held included: what conservation compares. */
    public static Map<String, Long> totals(Map<Long, Map<String, Ledger.Balance>> balances) {
        Map<String, Long> totals = new TreeMap<>();
        balances.values().forEach(b -> b.forEach((asset, v) -> totals.merge(asset, v.total(), Long::sum)));
        return totals;
    }

}
