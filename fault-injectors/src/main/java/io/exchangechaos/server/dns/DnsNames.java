package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

/** Spelling rules for names and addresses, shared by the Java API, the HTTP API and the command line. */
final class DnsNames {

    static final String NAME_RULE = "use dot-separated labels of letters, digits, '-' or '_'";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_-]{1,63}");
    private static final int MAX_NAME_LENGTH = 253;

    private DnsNames() {
    }

    /** Lower case, no trailing dot: the one spelling used as a key everywhere. */
    static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static String canonical(Name name) {
        return canonical(name.toString(true));
    }

    static boolean isValidName(String canonical) {
        if (canonical.isEmpty() || canonical.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : canonical.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IPv4 literal only; never resolves a host name (this is a DNS server). */
    static Optional<Inet4Address> parseIpv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) Address.getByAddress(text, Address.IPv4));
        } catch (UnknownHostException | ClassCastException e) {
            return Optional.empty();
        }
    }

    static Inet4Address ipv4(String text) {
        return parseIpv4(text).orElseThrow(() -> new InvalidInputException(
                "address [" + text + "] is not an IPv4 address; write four numbers, e.g. 127.0.1.21"));
    }

    static String text(InetAddress address) {
        return address.getHostAddress();
    }

    static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
