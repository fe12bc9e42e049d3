package io.exchangechaos.core.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for misspelt keys and names. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code written}, if it is close enough to be a likely typo. */
    public static Optional<String> closest(String written, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = written.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(3, best.length() / 3));
        boolean prefix = best.length() >= 4 && w.length() >= 3
                && (best.toLowerCase(Locale.ROOT).startsWith(w) || w.startsWith(best.toLowerCase(Locale.ROOT)));
        return bestDistance <= allowed || prefix ? Optional.of(best) : Optional.empty();
    }

    /** {@code "did you mean X?"} or {@code "use one of A, B, C"}. */
    public static String fix(String written, Collection<String> candidates) {
        return closest(written, candidates)
                .map(c -> "did you mean " + c + "?")
                .orElseGet(() -> "use one of " + String.join(", ", candidates));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
