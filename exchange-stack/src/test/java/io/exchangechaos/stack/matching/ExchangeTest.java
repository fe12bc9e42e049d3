package io.exchangechaos.stack.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExchangeTest {

    private static Command.Place limit(long account, String id, Side side, long price, long qty) {
        return new Command.Place(account, id, "BTC-USD", side, OrderType.LIMIT, price, qty);
    }

    @Test
    void crossingOrdersTradeAtTheMakerPriceAndChargeTheTakerFee() {
        Exchange x = Exchange.genesis();
        x.apply(limit(1, "s1", Side.SELL, 50_000, 2));
        OrderView buy = x.apply(limit(2, "b1", Side.BUY, 51_000, 3));

        assertThat(buy.filled()).isEqualTo(2);
        assertThat(buy.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.trades()).singleElement().satisfies(t -> {
            assertThat(t.price()).isEqualTo(50_000);
            assertThat(t.quantity()).isEqualTo(2);
            assertThat(t.fee()).isEqualTo(100_000 * Assets.TAKER_FEE_BPS / 10_000);
            assertThat(t.takerSide()).isEqualTo(Side.BUY);
        });
        assertThat(x.balances().get(Assets.FEE_ACCOUNT).get("USD").total()).isEqualTo(100);
    }

    @Test
    void priceTimePriorityFillsTheEarlierOrderAtTheSamePriceFirst() {
        Exchange x = Exchange.genesis();
        x.apply(limit(1, "first", Side.SELL, 50_000, 1));
        x.apply(limit(2, "second", Side.SELL, 50_000, 1));
        x.apply(limit(3, "better", Side.SELL, 49_000, 1));
        x.apply(limit(4, "taker", Side.BUY, 50_000, 2));

        assertThat(x.order("better").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(x.order("first").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(x.order("second").status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void resubmittingAClientOrderIdReturnsTheFirstOutcomeAndCreatesNothing() {
        Exchange x = Exchange.genesis();
        OrderView first = x.apply(limit(1, "dup", Side.BUY, 50_000, 1));
        OrderView again = x.apply(limit(1, "dup", Side.BUY, 52_000, 5));

        assertThat(again).isEqualTo(first);
        assertThat(x.orderCount()).isEqualTo(1);
    }

    @Test
    void cancelReleasesTheHoldAndACancelOfAClosedOrderChangesNothing() {
        Exchange x = Exchange.genesis();
        long before = x.balances().get(1L).get("USD").available();
        x.apply(limit(1, "o", Side.BUY, 50_000, 2));
        assertThat(x.balances().get(1L).get("USD").available()).isLessThan(before);

        OrderView canceled = x.apply(new Command.Cancel(1, "o"));
        String digest = x.digest();
        OrderView again = x.apply(new Command.Cancel(1, "o"));

        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(again.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.digest()).isEqualTo(digest);
        assertThat(x.balances().get(1L).get("USD").available()).isEqualTo(before);
    }

    @Test
    void marketOrdersNeverRestAndReleaseWhatTheyDidNotSpend() {
        Exchange x = Exchange.genesis();
        x.apply(limit(1, "ask", Side.SELL, 50_000, 1));
        OrderView market = x.apply(new Command.Place(2, "m", "BTC-USD", Side.BUY, OrderType.MARKET, 55_000, 3));

        assertThat(market.filled()).isEqualTo(1);
        assertThat(market.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.balances().get(2L).get("USD").held()).isZero();
    }

    @Test
    void insufficientFundsAndUnknownAccountsAreRejectedWithoutMovingMoney() {
        Exchange x = Exchange.genesis();
        Map<String, Long> totals = Exchange.totals(x.balances());

        assertThat(x.apply(limit(1, "huge", Side.BUY, 50_000, 1_000_000_000L)).reason()).isEqualTo("insufficient funds");
        assertThat(x.apply(limit(999, "nobody", Side.BUY, 50_000, 1)).reason()).isEqualTo("unknown account");
        assertThat(Exchange.totals(x.balances())).isEqualTo(totals);
    }

    @Test
    void randomFlowConservesEveryAssetAndReplaysToTheSameDigest() {
        List<Command> commands = randomCommands(new Random(42), 5_000);
        Exchange a = Exchange.genesis();
        Exchange b = Exchange.genesis();
        Map<String, Long> genesisTotals = Exchange.totals(a.balances());

        commands.forEach(a::apply);
        commands.forEach(b::apply);

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(Exchange.totals(a.balances())).isEqualTo(genesisTotals);
        assertThat(a.trades()).isNotEmpty();
        a.balances().values().forEach(assets -> assets.values().forEach(v -> {
            assertThat(v.available()).isNotNegative();
            assertThat(v.held()).isNotNegative();
        }));
    }

    @Test
    void aRestoredSnapshotContinuesExactlyAsTheOriginal() {
        List<Command> commands = randomCommands(new Random(7), 4_000);
        Exchange original = Exchange.genesis();
        commands.subList(0, 2_000).forEach(original::apply);
        Exchange restored = Exchange.restore(original.snapshot());
        assertThat(restored.digest()).isEqualTo(original.digest());

        commands.subList(2_000, 4_000).forEach(original::apply);
        commands.subList(2_000, 4_000).forEach(restored::apply);

        assertThat(restored.digest()).isEqualTo(original.digest());
    }

    static List<Command> randomCommands(Random r, int n) {
        List<Command> out = new ArrayList<>();
        List<Command.Place> placed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!placed.isEmpty() && r.nextInt(5) == 0) {
                Command.Place p = placed.get(r.nextInt(placed.size()));
                out.add(new Command.Cancel(p.account(), p.clientOrderId()));
                continue;
            }
            boolean btc = r.nextBoolean();
            long ref = btc ? 50_000 : 3_000;
            Command.Place p = new Command.Place(1 + r.nextInt(20), "c" + i, btc ? "BTC-USD" : "ETH-USD",
                r.nextBoolean() ? Side.BUY : Side.SELL, r.nextInt(10) == 0 ? OrderType.MARKET : OrderType.LIMIT,
                ref - ref / 50 + r.nextInt((int) (ref / 25)), 1 + r.nextInt(5));
            placed.add(p);
            out.add(p);
        }
        return out;
    }
}
