package io.exchangechaos.core.topology;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An address written {@code host:port}, e.g. {@code 127.0.1.20:9090}. */
public record HostPort(String host, int port) {

    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})");

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port [" + port + "] is not between 1 and 65535");
        }
    }

    /** Parses {@code host:port}; empty if it does not have that shape or the port is out of range. */
    public static Optional<HostPort> parse(String text) {
        Matcher m = HOST_PORT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535 ? Optional.of(new HostPort(m.group(1), port)) : Optional.empty();
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
