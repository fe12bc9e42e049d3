package io.exchangechaos.stack.matching;

import java.util.Map;
import java.util.TreeMap;

/** Balances per account and asset, split into available and held (reserved by resting orders). */
public final class Ledger {
    private final TreeMap<Long, TreeMap<String, long[]>> accounts = new TreeMap<>();

    static Ledger genesis() {
        Ledger ledger = new Ledger();
        ledger.account(Assets.FEE_ACCOUNT);
        for (long a = 1; a <= Assets.ACCOUNTS; a++) {
            TreeMap<String, long[]> balances = ledger.account(a);
            Assets.GENESIS_BALANCE.forEach((asset, amount) -> balances.get(asset)[0] = amount);
        }
        return ledger;
    }

    TreeMap<String, long[]> account(long account) {
        return accounts.computeIfAbsent(account, a -> {
            TreeMap<String, long[]> balances = new TreeMap<>();
            Assets.ASSETS.forEach(asset -> balances.put(asset, new long[2]));
            return balances;
        });
    }

    long available(long account, String asset) {
        return account(account).get(asset)[0];
    }

    /** Moves an amount from available to held; false (and nothing moved) when it is not there. */
    boolean hold(long account, String asset, long amount) {
        long[] b = account(account).get(asset);
        if (b[0] < amount) {
            return false;
        }
        b[0] -= amount;
        b[1] += amount;
        return true;
    }

    void release(long account, String asset, long amount) {
        long[] b = account(account).get(asset);
        b[1] -= amount;
        b[0] += amount;
    }

    /** Takes an amount out of held funds (spent in a trade). */
    void spendHeld(long account, String asset, long amount) {
        account(account).get(asset)[1] -= amount;
    }

    void credit(long account, String asset, long amount) {
        account(account).get(asset)[0] += amount;
    }

    Map<Long, Map<String, Balance>> view() {
        TreeMap<Long, Map<String, Balance>> out = new TreeMap<>();
        accounts.forEach((account, balances) -> {
            TreeMap<String, Balance> b = new TreeMap<>();
            balances.forEach((asset, v) -> b.put(asset, new Balance(v[0], v[1])));
            out.put(account, b);
        });
        return out;
    }

    void restore(Map<Long, Map<String, Balance>> view) {
        accounts.clear();
        view.forEach((account, balances) -> {
            TreeMap<String, long[]> b = account(account);
            balances.forEach((asset, v) -> b.put(asset, new long[] {v.available(), v.held()}));
        });
    }

    public record Balance(long available, long held) {
        public long total() {
            return available + held;
        }
    }
}
