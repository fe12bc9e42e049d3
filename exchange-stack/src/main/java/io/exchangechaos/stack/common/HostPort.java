package io.exchangechaos.stack.common;

import java.net.InetSocketAddress;

public record HostPort(String host, int port) {

    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address [" + text + "] is not host:port; write it like 127.0.1.10:8080");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address [" + text + "] has no valid port; use a number from 0 to 65535");
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
