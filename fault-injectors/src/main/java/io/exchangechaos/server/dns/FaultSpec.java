package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to break: names matching {@code pattern} are answered according to {@code mode}.
 * {@code latency} is set only for {@link FaultMode#LATENCY}; {@code address} only for
 * {@link FaultMode#WRONG_ADDRESS} (null there means the server's black-hole address).
 */
public record FaultSpec(String pattern, FaultMode mode, Duration latency, Inet4Address address) {

    public static final Duration MAX_LATENCY = Duration.ofSeconds(60);
    static final String PATTERN_EXAMPLE = "give an exact name like engine.r1.exchange.test or a glob like engine.*.exchange.test";

    public FaultSpec {
        InvalidInputException.throwIfAny(problems(pattern, mode, latency, address));
        pattern = DnsNames.canonical(pattern);
    }

    public static FaultSpec of(String pattern, FaultMode mode) {
        return new FaultSpec(pattern, mode, null, null);
    }

    public static FaultSpec nxdomain(String pattern) {
        return of(pattern, FaultMode.NXDOMAIN);
    }

    public static FaultSpec servfail(String pattern) {
        return of(pattern, FaultMode.SERVFAIL);
    }

    public static FaultSpec empty(String pattern) {
        return of(pattern, FaultMode.EMPTY);
    }

    public static FaultSpec drop(String pattern) {
        return of(pattern, FaultMode.DROP);
    }

    /** Answers the server's configured black-hole address. */
    public static FaultSpec wrongAddress(String pattern) {
        return of(pattern, FaultMode.WRONG_ADDRESS);
    }

    /** Answers {@code loopbackAddress}, which must lie in 127.0.0.0/8. */
    public static FaultSpec wrongAddress(String pattern, String loopbackAddress) {
        return new FaultSpec(pattern, FaultMode.WRONG_ADDRESS, null, DnsNames.ipv4(loopbackAddress));
    }

    public static FaultSpec latency(String pattern, Duration latency) {
        return new FaultSpec(pattern, FaultMode.LATENCY, latency, null);
    }

    FaultSpec withAddress(Inet4Address newAddress) {
        return new FaultSpec(pattern, mode, latency, newAddress);
    }

    /** Every problem with these fields; the one validation for Java callers and the HTTP API. */
    static List<String> problems(String pattern, FaultMode mode, Duration latency, Inet4Address address) {
        List<String> problems = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            problems.add("pattern is missing; " + PATTERN_EXAMPLE);
        } else if (NamePattern.parse(pattern).isEmpty()) {
            problems.add("pattern [" + pattern + "] is not a valid name or glob; " + NamePattern.RULE);
        }
        if (mode == null) {
            problems.add("mode is missing; use one of " + FaultMode.CHOICES);
        }
        if (mode == FaultMode.LATENCY) {
            if (latency == null) {
                problems.add("latencyMs is missing; mode LATENCY needs a delay in milliseconds, e.g. \"latencyMs\": 2000");
            } else if (latency.toMillis() < 1 || latency.compareTo(MAX_LATENCY) > 0) {
                problems.add("latencyMs [" + latency.toMillis() + "] is out of range; use 1 to " + MAX_LATENCY.toMillis());
            }
        } else if (latency != null && mode != null) {
            problems.add("latencyMs applies only to mode LATENCY; remove it or use mode LATENCY");
        }
        if (address != null) {
            if (mode != null && mode != FaultMode.WRONG_ADDRESS) {
                problems.add("address applies only to mode WRONG_ADDRESS; remove it or use mode WRONG_ADDRESS");
            } else if (!address.isLoopbackAddress()) {
                problems.add(loopbackProblem("address", DnsNames.text(address)));
            }
        }
        return problems;
    }

    /** Black-hole answers must never point at a real network: loopback only. */
    static String loopbackProblem(String field, String value) {
        return field + " [" + value + "] is not a loopback address; use one in 127.0.0.0/8, e.g. 127.0.0.254";
    }
}
