package io.exchangechaos.server.proxy.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A {@code host:port} address in Go's spelling ({@code [::1]:80} for IPv6, {@code :80} for every
 * interface), so addresses round-trip exactly as a real Toxiproxy writes them.
 */
public record ListenAddress(String host, int port) {

    /**
     * Parses like Go's {@code net.SplitHostPort}.
     *
     * @throws IllegalArgumentException with Go's wording, e.g. {@code address foo: missing port in address}
     */
    public static ListenAddress parse(String address) {
        String host;
        String portText;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("address " + address + ": missing ']' in address");
            }
            host = address.substring(1, close);
            if (close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("address " + address + ": missing port in address");
            }
            portText = address.substring(close + 2);
        } else {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("address " + address + ": missing port in address");
            }
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("address " + address + ": too many colons in address");
            }
            portText = address.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        return new ListenAddress(host, port);
    }

    /** Resolves the host; an empty host means every interface. */
    public InetSocketAddress resolve() throws UnknownHostException {
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Formats a bound address as Go does: {@code 127.0.0.1:43121}, {@code [::1]:43121}. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address) {
            return "[" + compress(ip.getHostAddress()) + "]:" + address.getPort();
        }
        return ip.getHostAddress() + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** Java writes IPv6 uncompressed ({@code 0:0:0:0:0:0:0:1}); Go writes {@code ::1}. */
    static String compress(String ipv6) {
        int percent = ipv6.indexOf('%');
        String scope = percent >= 0 ? ipv6.substring(percent) : "";
        String[] groups = (percent >= 0 ? ipv6.substring(0, percent) : ipv6).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (Integer.parseInt(groups[i], 16) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < groups.length - 1) {
                out.append(':');
            }
        }
        return out + scope;
    }
}
