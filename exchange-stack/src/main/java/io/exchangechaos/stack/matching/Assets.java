package io.exchangechaos.stack.matching;

import java.util.List;
import java.util.Map;

/** The genesis of every replica: symbols, assets and funded accounts are fixed so replay is deterministic. */
public final class Assets {
    public static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD");
    public static final List<String> ASSETS = List.of("USD", "BTC", "ETH");
    public static final int ACCOUNTS = 100;
    /** Fees are credited here; it takes part in conservation like any account. */
    public static final long FEE_ACCOUNT = 0;
    public static final long TAKER_FEE_BPS = 10;
    public static final Map<String, Long> GENESIS_BALANCE = Map.of(
        "USD", 10_000_000_000L,
        "BTC", 1_000_000L,
        "ETH", 10_000_000L);

    private Assets() {
    }

    public static String base(String symbol) {
        return symbol.substring(0, symbol.indexOf('-'));
    }

    public static String quote(String symbol) {
        return symbol.substring(symbol.indexOf('-') + 1);
    }

    public static long takerFee(long notional) {
        return notional * TAKER_FEE_BPS / 10_000;
    }

    public static boolean isAccount(long account) {
        return account >= 1 && account <= ACCOUNTS;
    }
}
