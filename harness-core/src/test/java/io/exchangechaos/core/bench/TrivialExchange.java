package io.exchangechaos.core.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An exchange that costs nothing: answers the staged exchange's order API (POST /orders, DELETE /orders/…) at once
 * with 200 and a resting order, so a benchmark measures the load generator, not the exchange. Run it as its own
 * process: {@code java … TrivialExchange [HOST:PORT]} (default 127.0.0.1:18080); Ctrl-C or SIGTERM stops it.
 */
public final class TrivialExchange {
    private TrivialExchange() {
    }

    public static void main(String[] args) throws Exception {
        String listen = args.length > 0 ? args[0] : "127.0.0.1:18080";
        int colon = listen.lastIndexOf(':');
        HttpServer server = HttpServer.create(
            new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 4096);
        byte[] placed = "{\"order\":{\"status\":\"NEW\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] cancelled = "{\"order\":{\"status\":\"CANCELLED\"}}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] body = "DELETE".equals(x.getRequestMethod()) ? cancelled : placed;
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("trivial exchange listening on http://" + listen + "/");
        Thread.currentThread().join();
    }
}
