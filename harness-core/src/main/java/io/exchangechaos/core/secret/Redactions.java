package io.exchangechaos.core.secret;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tally of what {@link Secrets} replaced: how many distinct values of each {@link SecretKind}. The report shows the
 * counts, never the values. Thread-safe.
 */
public final class Redactions {

    /** Records nothing: what a {@link Secrets} that is not counting writes to. */
    static final Redactions IGNORED = new Redactions();

    private final Map<String, SecretKind> values = new LinkedHashMap<>();

    void add(SecretKind kind, String value) {
        if (this == IGNORED || value == null || value.isEmpty() || value.equals(Secrets.REDACTED)) {
            return;
        }
        synchronized (values) {
            values.putIfAbsent(value, kind);
        }
    }

    /** Distinct values redacted, by kind id ({@code auth-token: 2}), in {@link SecretKind} order; empty if none. */
    public Map<String, Integer> counts() {
        Map<SecretKind, Integer> byKind = new java.util.EnumMap<>(SecretKind.class);
        synchronized (values) {
            values.values().forEach(k -> byKind.merge(k, 1, Integer::sum));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byKind.forEach((k, n) -> counts.put(k.id(), n));
        return counts;
    }
}
