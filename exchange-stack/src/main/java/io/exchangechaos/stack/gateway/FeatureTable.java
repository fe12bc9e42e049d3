package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.config.ExchangeConfig;
import java.util.List;

/** A preallocated table, as a proxy would keep a generated feature file: it does not grow. */
final class FeatureTable {
    private final ExchangeConfig.Feature[] slots = new ExchangeConfig.Feature[ExchangeConfig.MAX_FEATURES];

    /** Throws when the file has more rows than slots — what a gateway without config validation runs into. */
    static FeatureTable load(List<ExchangeConfig.Feature> features) {
        FeatureTable table = new FeatureTable();
        for (int i = 0; i < features.size(); i++) {
            table.slots[i] = features.get(i);
        }
        return table;
    }
}
