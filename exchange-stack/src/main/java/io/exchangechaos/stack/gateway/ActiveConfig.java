package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.config.ExchangeConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The config a gateway is running on. {@code poison} is set when an unvalidated config could not be used (it did
 * not parse, or overflowed the preallocated feature table): then every order fails, like a proxy that panics on
 * load. A config in metadata format 2 goes bad {@link #LATENT_DEFECT_AFTER} after it is loaded.
 */
record ActiveConfig(int version, ExchangeConfig config, String poison, Instant loadedAt) {
    static final Duration LATENT_DEFECT_AFTER = Duration.ofSeconds(5);

    /** Why the order path cannot use this config now, or null when it can. */
    String defect(Instant now) {
        if (poison != null) {
            return poison;
        }
        if (config.metadataFormat() == 2 && now.isAfter(loadedAt.plus(LATENT_DEFECT_AFTER))) {
            return "metadata index corrupt (format 2 compaction failed)";
        }
        return null;
    }
}
