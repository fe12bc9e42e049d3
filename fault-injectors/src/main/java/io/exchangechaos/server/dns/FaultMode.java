package io.exchangechaos.server.dns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a faulted name is answered. */
public enum FaultMode {
    /** The name does not exist (with SOA, so clients cache the negative answer). */
    NXDOMAIN,
    /** The server failed. */
    SERVFAIL,
    /** NOERROR with no addresses: the AWS DynamoDB empty record of 2025-10-20. */
    EMPTY,
    /** No reply at all; the client times out. */
    DROP,
    /** A well-formed answer with a loopback black-hole address. */
    WRONG_ADDRESS,
    /** The right answer, late. */
    LATENCY;

    static final String CHOICES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    static Optional<FaultMode> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
