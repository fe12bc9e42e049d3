package io.exchangechaos.core.load;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.OrderIntent;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Makes the orders: a seeded random mix of limit, market and cancel operations over the scenario's symbols and
 * accounts, priced near the reference so they are valid and often cross. A cancel targets an order the exchange
 * acknowledged as open; with none to hand it becomes a limit order.
 */
public final class OrderFlow {
    private final LoadPlan plan;
    private final ExchangeAdapter adapter;
    private final SplittableRandom random;
    private final ConcurrentLinkedDeque<OrderIntent> cancellable = new ConcurrentLinkedDeque<>();
    private long next;

    public OrderFlow(LoadPlan plan, ExchangeAdapter adapter) {
        this.plan = plan;
        this.adapter = adapter;
        this.random = new SplittableRandom(plan.seed());
    }

    public synchronized OrderIntent next() {
        long n = next++;
        double pick = random.nextDouble();
        if (pick >= plan.limitShare() + plan.marketShare()) {
            OrderIntent open = cancellable.pollFirst();
            if (open != null) {
                return OrderIntent.cancel(open.clientOrderId(), open.account());
            }
        }
        String symbol = plan.symbols().get(random.nextInt(plan.symbols().size()));
        long account = 1 + random.nextInt(plan.accounts());
        OrderIntent.Side side = random.nextBoolean() ? OrderIntent.Side.BUY : OrderIntent.Side.SELL;
        long ref = adapter.referencePrice(symbol);
        long quantity = 1 + random.nextInt(5);
        String id = plan.runId() + "-" + n;
        if (pick >= plan.limitShare() && pick < plan.limitShare() + plan.marketShare()) {
            return new OrderIntent(OrderIntent.Kind.MARKET, id, account, symbol, side, 0, quantity);
        }
        // buyers bid a little under to a little over the reference, sellers the mirror: books fill and cross
        double skew = (random.nextDouble() * 3 - 2) / 100.0;
        long price = side == OrderIntent.Side.BUY ? Math.round(ref * (1 + skew)) : Math.round(ref * (1 - skew));
        return new OrderIntent(OrderIntent.Kind.LIMIT, id, account, symbol, side, price, quantity);
    }

    /** The exchange said this order rests: it may be cancelled later. */
    public void rests(OrderIntent intent) {
        if (intent.kind() == OrderIntent.Kind.LIMIT) {
            cancellable.addLast(intent);
            while (cancellable.size() > 10_000) {
                cancellable.pollFirst();
            }
        }
    }
}
