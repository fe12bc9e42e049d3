package io.exchangechaos.server.dns;

import java.time.Instant;

/** A fault in force: its id (to heal it alone), what it does and since when. */
public record ActiveDnsFault(String id, FaultSpec spec, Instant activatedAt) {

    public String pattern() {
        return spec.pattern();
    }

    public FaultMode mode() {
        return spec.mode();
    }
}
