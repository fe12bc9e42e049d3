package io.exchangechaos.server.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An exact name or a glob. {@code *} matches within one label only, so
 * {@code engine.*.exchange.test} can never reach {@code engine.r1.other.exchange.test};
 * a whole {@code **} label matches one or more labels. Matching is on canonical names.
 */
final class NamePattern {

    static final String RULE = DnsNames.NAME_RULE
            + ", where '*' matches within one label and a '**' label matches one or more labels";

    private static final Pattern GLOB_LABEL = Pattern.compile("[a-z0-9_*-]{1,63}");

    private final String text;
    private final Pattern regex;

    private NamePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Empty when {@code text} is not a valid name or glob. */
    static Optional<NamePattern> parse(String text) {
        String canonical = DnsNames.canonical(text);
        if (canonical.isEmpty() || canonical.length() > 253) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String label : canonical.split("\\.", -1)) {
            if (!GLOB_LABEL.matcher(label).matches() || (label.contains("**") && !label.equals("**"))) {
                return Optional.empty();
            }
            parts.add(label.equals("**") ? "[^.]+(?:\\.[^.]+)*" : labelRegex(label));
        }
        return Optional.of(new NamePattern(canonical, Pattern.compile(String.join("\\.", parts))));
    }

    private static String labelRegex(String label) {
        if (label.equals("*")) {
            return "[^.]+";
        }
        StringBuilder regex = new StringBuilder();
        for (String literal : label.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[^.]*");
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal));
            }
        }
        return regex.toString();
    }

    boolean matches(String canonicalName) {
        return regex.matcher(canonicalName).matches();
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
