package io.exchangechaos.fault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server with Nagle's algorithm off, for every server the harness runs (the Toxiproxy-compatible API,
 * the DNS server's control API, the load generator's stand-in). Left on, a response written as headers then body
 * waits for the client's delayed ACK: measured 45 ms for one {@code GET /proxies} on loopback, and a blackhole of one
 * link (four API calls) 135-220 ms. The JDK reads the setting once, when its first server in the JVM is made, so
 * every server the harness makes goes through here.
 */
public final class NoDelayHttpServers {
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private NoDelayHttpServers() {
    }

    /** {@link HttpServer#create(InetSocketAddress, int)}, with no delay on its sockets. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
