package io.exchangechaos.server.dns;

import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The zone the server is authoritative for; decides what is inside it. */
final class Zone {

    private final String text;
    private final Name origin;

    private Zone(String text) {
        this.text = text;
        try {
            this.origin = Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new InvalidInputException("zone [" + text + "] is not a valid DNS name; " + DnsNames.NAME_RULE);
        }
    }

    static Zone of(String zone) {
        String canonical = DnsNames.canonical(zone);
        if (!DnsNames.isValidName(canonical)) {
            throw new InvalidInputException("zone [" + zone + "] is not a valid DNS name; " + DnsNames.NAME_RULE);
        }
        return new Zone(canonical);
    }

    String text() {
        return text;
    }

    Name origin() {
        return origin;
    }

    boolean contains(String canonicalName) {
        return canonicalName.equals(text) || canonicalName.endsWith("." + text);
    }

    boolean isApex(String canonicalName) {
        return canonicalName.equals(text);
    }

    Name name(String relativeLabel) {
        try {
            return Name.fromString(relativeLabel, origin);
        } catch (TextParseException e) {
            throw new IllegalStateException("label [" + relativeLabel + "] is not valid", e);
        }
    }

    /** A problem sentence when {@code value} of {@code field} lies outside the zone, else empty. */
    Optional<String> outsideProblem(String field, String value) {
        if (contains(DnsNames.canonical(value))) {
            return Optional.empty();
        }
        return Optional.of(field + " [" + value + "] is outside zone [" + text + "]; use a name ending in ." + text);
    }

    @Override
    public String toString() {
        return text;
    }
}
