package io.exchangechaos.server.dns;

import java.time.Duration;

/**
 * What to do with one query: send {@code wire} after {@code delay}, or nothing when
 * {@code wire} is null; {@code entry} is what the query log records (null: not logged).
 */
record Reply(byte[] wire, Duration delay, QueryLogEntry entry) {

    static Reply ignored() {
        return new Reply(null, Duration.ZERO, null);
    }

    boolean sendsSomething() {
        return wire != null;
    }
}
