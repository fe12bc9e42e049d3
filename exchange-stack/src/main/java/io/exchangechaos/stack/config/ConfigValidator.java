package io.exchangechaos.stack.config;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.matching.Assets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a pushed config by shape and by sanity before a hardened gateway lets it near the order path. */
public final class ConfigValidator {
    /** A config larger than this is refused unread: generated files grow by accident (Cloudflare, 2025-11-18). */
    public static final int MAX_BYTES = 64 * 1024;

    private ConfigValidator() {
    }

    /** Parses strictly; every problem found is listed. */
    public static Result validate(String body) {
        List<String> problems = new ArrayList<>();
        if (body.length() > MAX_BYTES) {
            return new Result(null, List.of("config is " + body.length() + " bytes, over the limit of " + MAX_BYTES));
        }
        ExchangeConfig config;
        try {
            config = Json.MAPPER.readValue(body, ExchangeConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return new Result(null, List.of("config does not parse: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Result(null, List.of("config does not parse: " + e.getMessage()));
        }
        if (config.symbols() == null || config.symbols().isEmpty()) {
            problems.add("symbols: empty; list at least one symbol");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < config.symbols().size(); i++) {
                ExchangeConfig.SymbolRule s = config.symbols().get(i);
                String at = "symbols[" + i + "]";
                if (s.symbol() == null || !Assets.SYMBOLS.contains(s.symbol())) {
                    problems.add(at + ".symbol [" + s.symbol() + "]: not traded by the engine; use one of " + Assets.SYMBOLS);
                } else if (!seen.add(s.symbol())) {
                    problems.add(at + ".symbol [" + s.symbol() + "]: listed twice");
                }
                if (s.referencePrice() <= 0) {
                    problems.add(at + ".referencePrice [" + s.referencePrice() + "]: must be positive");
                }
                if (!(s.priceBandPercent() > 0 && s.priceBandPercent() <= 50)) {
                    problems.add(at + ".priceBandPercent [" + s.priceBandPercent() + "]: must be in (0, 50]");
                }
                if (s.maxQuantity() <= 0 || s.maxQuantity() > 1_000_000) {
                    problems.add(at + ".maxQuantity [" + s.maxQuantity() + "]: must be in [1, 1000000]");
                }
            }
        }
        if (config.accounts() <= 0 || config.accounts() > Assets.ACCOUNTS) {
            problems.add("accounts [" + config.accounts() + "]: must be in [1, " + Assets.ACCOUNTS + "]");
        }
        if (config.rateLimitPerAccountPerSecond() <= 0) {
            problems.add("rateLimitPerAccountPerSecond [" + config.rateLimitPerAccountPerSecond() + "]: must be positive");
        }
        if (config.creditCheck() == null) {
            problems.add("creditCheck: missing");
        }
        if (config.features() == null) {
            problems.add("features: missing");
        } else if (config.features().size() > ExchangeConfig.MAX_FEATURES) {
            problems.add("features: " + config.features().size() + " entries, over the limit of " + ExchangeConfig.MAX_FEATURES);
        }
        if (config.metadataFormat() != 1 && config.metadataFormat() != 2) {
            problems.add("metadataFormat [" + config.metadataFormat() + "]: must be 1 or 2");
        }
        return new Result(problems.isEmpty() ? config : null, problems);
    }

    public record Result(ExchangeConfig config, List<String> problems) {
        public boolean valid() {
            return config != null;
        }
    }
}
