package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start a {@link DnsFaultServer}. Immutable: each {@code with…} returns a copy, so one
 * config can serve as a template. Start from {@link #forZone(String)}.
 *
 * @param dnsListen     UDP and TCP address for DNS; port 0 picks a free port (the same for both)
 * @param controlListen HTTP control API address; port 0 picks a free port; null: no HTTP API
 * @param records       canonical name to addresses, answered with {@code ttl}
 * @param queryLogFile  JSONL file every query is appended to; null: memory only
 */
public record DnsServerConfig(
        String zone,
        InetSocketAddress dnsListen,
        InetSocketAddress controlListen,
        Duration ttl,
        Map<String, List<Inet4Address>> records,
        Inet4Address blackHole,
        Path queryLogFile,
        int queryLogCapacity) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    public static final String DEFAULT_BLACK_HOLE = "127.0.0.254";
    public static final int DEFAULT_QUERY_LOG_CAPACITY = 100_000;

    public DnsServerConfig {
        InvalidInputException.throwIfAny(problems(zone, dnsListen, ttl, records, blackHole, queryLogCapacity));
        zone = DnsNames.canonical(zone);
        Map<String, List<Inet4Address>> copy = new LinkedHashMap<>();
        records.forEach((name, addresses) -> copy.put(DnsNames.canonical(name), List.copyOf(addresses)));
        records = Collections.unmodifiableMap(copy);
    }

    /** Loopback, ephemeral ports for DNS and control, TTL 5 s, black hole 127.0.0.254, no records. */
    public static DnsServerConfig forZone(String zone) {
        return new DnsServerConfig(zone, new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                DEFAULT_TTL, Map.of(), DnsNames.ipv4(DEFAULT_BLACK_HOLE), null, DEFAULT_QUERY_LOG_CAPACITY);
    }

    public DnsServerConfig withDnsListen(InetSocketAddress address) {
        return new DnsServerConfig(zone, address, controlListen, ttl, records, blackHole, queryLogFile, queryLogCapacity);
    }

    public DnsServerConfig withControlListen(InetSocketAddress address) {
        return new DnsServerConfig(zone, dnsListen, address, ttl, records, blackHole, queryLogFile, queryLogCapacity);
    }

    public DnsServerConfig withoutControlApi() {
        return withControlListen(null);
    }

    public DnsServerConfig withTtl(Duration newTtl) {
        return new DnsServerConfig(zone, dnsListen, controlListen, newTtl, records, blackHole, queryLogFile, queryLogCapacity);
    }

    /** Adds (or replaces) one name, e.g. {@code withRecord("engine.r1.exchange.test", "127.0.1.21")}. */
    public DnsServerConfig withRecord(String name, String... addresses) {
        Map<String, List<Inet4Address>> more = new LinkedHashMap<>(records);
        more.put(name, Arrays.stream(addresses).map(DnsNames::ipv4).toList());
        return new DnsServerConfig(zone, dnsListen, controlListen, ttl, more, blackHole, queryLogFile, queryLogCapacity);
    }

    public DnsServerConfig withBlackHole(String loopbackAddress) {
        Inet4Address address = DnsNames.parseIpv4(loopbackAddress).orElseThrow(() -> new InvalidInputException(
                "blackHole [" + loopbackAddress + "] is not an IPv4 address; use one in 127.0.0.0/8, e.g. 127.0.0.254"));
        return new DnsServerConfig(zone, dnsListen, controlListen, ttl, records, address, queryLogFile, queryLogCapacity);
    }

    public DnsServerConfig withQueryLogFile(Path file) {
        return new DnsServerConfig(zone, dnsListen, controlListen, ttl, records, blackHole, file, queryLogCapacity);
    }

    public DnsServerConfig withQueryLogCapacity(int capacity) {
        return new DnsServerConfig(zone, dnsListen, controlListen, ttl, records, blackHole, queryLogFile, capacity);
    }

    Optional<InetSocketAddress> control() {
        return Optional.ofNullable(controlListen);
    }

    private static List<String> problems(String zone, InetSocketAddress dnsListen, Duration ttl,
            Map<String, List<Inet4Address>> records, Inet4Address blackHole, int queryLogCapacity) {
        List<String> problems = new ArrayList<>();
        Zone parsedZone = null;
        if (zone == null || zone.isBlank()) {
            problems.add("zone is missing; give the zone to answer for, e.g. exchange.test");
        } else {
            try {
                parsedZone = Zone.of(zone);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (dnsListen == null) {
            problems.add("dnsListen is missing; give a host and port, e.g. 127.0.0.53:10053 (port 0 picks a free one)");
        }
        problems.addAll(ZoneRecord.ttlProblems("ttl", ttl));
        if (records == null) {
            problems.add("records is missing; give an empty map for no records");
        } else {
            for (Map.Entry<String, List<Inet4Address>> record : records.entrySet()) {
                List<String> recordProblems = ZoneRecord.problems(record.getKey(), record.getValue(), Duration.ZERO);
                recordProblems.stream().map(p -> "record [" + record.getKey() + "]: " + p).forEach(problems::add);
                if (recordProblems.isEmpty() && parsedZone != null) {
                    parsedZone.outsideProblem("record", record.getKey()).ifPresent(problems::add);
                }
            }
        }
        if (blackHole == null) {
            problems.add("blackHole is missing; use one in 127.0.0.0/8, e.g. " + DEFAULT_BLACK_HOLE);
        } else if (!blackHole.isLoopbackAddress()) {
            problems.add(FaultSpec.loopbackProblem("blackHole", DnsNames.text(blackHole)));
        }
        if (queryLogCapacity < 1 || queryLogCapacity > 10_000_000) {
            problems.add("queryLogCapacity [" + queryLogCapacity + "] must be from 1 to 10000000");
        }
        return problems;
    }
}
