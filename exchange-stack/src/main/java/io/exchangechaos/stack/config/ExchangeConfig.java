package io.exchangechaos.stack.config;

import java.util.List;
import java.util.Optional;

/**
 * What gateways pull from the config service: trading rules and the credit-check policy.
 *
 * @param features        a generated feature table, like Cloudflare's bot-management file; gateways preallocate
 *                        {@link #MAX_FEATURES} slots for it
 * @param metadataFormat  1 is the format gateways understand fully; 2 loads fine and then breaks the order path a
 *                        few seconds later — a simulated latent defect, like Azure Front Door's 2025-10-29 push
 */
public record ExchangeConfig(List<SymbolRule> symbols, int accounts, int rateLimitPerAccountPerSecond,
                             CreditCheck creditCheck, List<Feature> features, int metadataFormat) {
    public static final int MAX_FEATURES = 200;

    public Optional<SymbolRule> symbol(String name) {
        return symbols.stream().filter(s -> s.symbol().equals(name)).findFirst();
    }

    /** @param priceBandPercent a limit price must lie within this percentage of the reference price */
    public record SymbolRule(String symbol, long referencePrice, double priceBandPercent, long maxQuantity) {
        public long bandLow() {
            return (long) Math.ceil(referencePrice * (1 - priceBandPercent / 100.0));
        }

        public long bandHigh() {
            return (long) Math.floor(referencePrice * (1 + priceBandPercent / 100.0));
        }
    }

    /**
     * @param minNotional         orders below this notional skip the check
     * @param fallbackMaxNotional when the credit service is unavailable, orders up to this notional are let through
     */
    public record CreditCheck(long minNotional, long fallbackMaxNotional) {
    }

    public record Feature(String name, double weight) {
    }
}
