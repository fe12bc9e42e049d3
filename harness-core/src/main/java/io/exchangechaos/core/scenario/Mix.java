package io.exchangechaos.core.scenario;

/**
 * The share of each operation the load starts; fractions summing to 1. Built in Java as
 * {@code limit(0.7).market(0.1).cancel(0.2)}.
 */
public record Mix(double limit, double market, double cancel) {

    /** 70% limit orders, 10% market orders, 20% cancels. */
    public static final Mix DEFAULT = new Mix(0.7, 0.1, 0.2);

    public double sum() {
        return limit + market + cancel;
    }

    /** Second stage of {@code limit(0.7).market(0.1).cancel(0.2)}. */
    public record WithLimit(double limit) {
        public WithMarket market(double market) {
            return new WithMarket(limit, market);
        }
    }

    /** Third stage of {@code limit(0.7).market(0.1).cancel(0.2)}. */
    public record WithMarket(double limit, double market) {
        public Mix cancel(double cancel) {
            return new Mix(limit, market, cancel);
        }
    }

    @Override
    public String toString() {
        return "{limit: " + limit + ", market: " + market + ", cancel: " + cancel + "}";
    }
}
