package io.exchangechaos.server.dns;

import java.time.Instant;

/**
 * Which log entries to return: {@code name} exact (null: any), at or after {@code since}
 * (null: any), at most the last {@code limit}.
 */
public record QueryFilter(String name, Instant since, int limit) {

    public static final int MAX_LIMIT = 100_000;

    public QueryFilter {
        name = name == null ? null : DnsNames.canonical(name);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit [" + limit + "] must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    public static QueryFilter all() {
        return new QueryFilter(null, null, MAX_LIMIT);
    }

    public QueryFilter forName(String newName) {
        return new QueryFilter(newName, since, limit);
    }

    public QueryFilter since(Instant newSince) {
        return new QueryFilter(name, newSince, limit);
    }

    public QueryFilter limit(int newLimit) {
        return new QueryFilter(name, since, newLimit);
    }

    boolean accepts(QueryLogEntry entry) {
        return (name == null || name.equals(entry.name())) && (since == null || !entry.time().isBefore(since));
    }
}
