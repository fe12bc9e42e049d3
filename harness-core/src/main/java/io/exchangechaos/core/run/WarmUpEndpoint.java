package io.exchangechaos.core.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in exchange on loopback that acknowledges anything at once. The load generator warms up against it while
 * the real stack is still starting, so neither waits for the other and no warm-up order reaches the exchange; during
 * the load it is the canary that measures the load generator's own delay.
 */
final class WarmUpEndpoint implements AutoCloseable {
    private static final byte[] ACK = "{\"status\":\"ACCEPTED\",\"order\":{\"status\":\"NEW\"}}"
        .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads;

    private WarmUpEndpoint(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static WarmUpEndpoint start() throws IOException {
        HttpServer server = io.exchangechaos.fault.NoDelayHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "warm-up-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ACK.length);
                out.write(ACK);
            }
        });
        server.start();
        return new WarmUpEndpoint(server, threads);
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
