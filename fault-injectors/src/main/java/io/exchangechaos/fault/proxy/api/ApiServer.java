package io.exchangechaos.fault.proxy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.fault.proxy.ApiException;
import io.exchangechaos.fault.proxy.ProxyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Toxiproxy's HTTP control API on the JDK's HTTP server. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String REQUEST_ID_HEADER = "X-Toxiproxy-Request-Id";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiRoutes routes;
    private final RequestIds requestIds = new RequestIds();

    private ApiServer(HttpServer server, ExecutorService executor, ApiRoutes routes) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
    }

    public static ApiServer start(InetSocketAddress address, ProxyRegistry registry, String version) throws IOException {
        HttpServer server = io.exchangechaos.fault.NoDelayHttpServers.create(address, 64);
        AtomicInteger threads = new AtomicInteger();
        // control requests are few, but one fault may add a toxic in each direction of several proxies at once, and
        // each request waits for its proxy's connections (outside the registry's lock): enough threads for a region's
        // links both ways
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "toxiproxy-api-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ApiServer api = new ApiServer(server, executor, new ApiRoutes(registry, new ObjectMapper(), version));
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestIds.next());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response response;
            try {
                String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
                if (userAgent != null && userAgent.startsWith("Mozilla/")) {
                    // browsers must not drive the control port (CSRF)
                    throw new ApiException(403, "User agent not allowed");
                }
                response = routes.dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            } catch (ApiException e) {
                response = routes.views().error(e);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = routes.views().error(new ApiException(500, String.valueOf(e.getMessage())));
            }
            send(exchange, response);
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        if (response.body() == null || exchange.getRequestMethod().equals("HEAD")) {
            // a HEAD answer has no body (found by fuzzing: the JDK server warned on every one)
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
