package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A name and the IPv4 addresses it answers (A records), with their TTL. */
public record ZoneRecord(String name, List<Inet4Address> addresses, Duration ttl) {

    public static final Duration MAX_TTL = Duration.ofDays(1);

    public ZoneRecord {
        InvalidInputException.throwIfAny(problems(name, addresses, ttl));
        name = DnsNames.canonical(name);
        addresses = List.copyOf(addresses);
    }

    /** A record from address literals, e.g. {@code ZoneRecord.of("engine.r1.exchange.test", Duration.ofSeconds(5), "127.0.1.21")}. */
    public static ZoneRecord of(String name, Duration ttl, String... addresses) {
        return new ZoneRecord(name, Arrays.stream(addresses).map(DnsNames::ipv4).toList(), ttl);
    }

    public List<String> addressTexts() {
        return addresses.stream().map(DnsNames::text).toList();
    }

    static List<String> problems(String name, List<Inet4Address> addresses, Duration ttl) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is missing; give a name like engine.r1.exchange.test");
        } else if (!DnsNames.isValidName(DnsNames.canonical(name))) {
            problems.add("name [" + name + "] is not a valid DNS name; " + DnsNames.NAME_RULE);
        }
        if (addresses == null) {
            problems.add("addresses is missing; give one or more IPv4 addresses, e.g. {\"addresses\":[\"127.0.1.21\"]}");
        } else if (addresses.isEmpty()) {
            problems.add("addresses is empty; give at least one IPv4 address, or inject a fault with mode EMPTY to answer with none");
        }
        problems.addAll(ttlProblems("ttlSeconds", ttl));
        return problems;
    }

    static List<String> ttlProblems(String field, Duration ttl) {
        if (ttl == null) {
            return List.of(field + " is missing; give a TTL in seconds, e.g. 5");
        }
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0 || ttl.toNanos() % 1_000_000_000L != 0) {
            return List.of(field + " [" + ttl.toSeconds() + "] must be a whole number of seconds from 0 to " + MAX_TTL.toSeconds());
        }
        return List.of();
    }
}
