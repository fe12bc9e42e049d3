package io.exchangechaos.stack.common;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One stack service's HTTP server, on Jetty's core API: a non-blocking connector with an idle timeout and a
 * connection limit, a bounded thread pool with a bounded queue. These are the last line of defence; each service
 * sheds load itself (an answer the client can classify) before any of them is reached, because a connection Jetty
 * does not accept is, to the client, an order with no answer.
 */
public final class HttpService implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /**
     * @param threads        the most handler threads; handlers that wait on other services do so asynchronously
     * @param queue          tasks waiting for a thread before Jetty refuses more
     * @param maxConnections open connections before Jetty stops accepting (the rest wait in the accept queue)
     * @param idleTimeout    a connection with nothing to read or write for this long is closed
     * @param acceptQueue    the listen backlog
     */
    public record Limits(int threads, int queue, int maxConnections, Duration idleTimeout, int acceptQueue) {
    }

    /** What one request does; it must complete {@code callback}, now or later. */
    @FunctionalInterface
    public interface Route {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private HttpService(String name, HostPort listen, Limits limits, Route route) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), Math.min(2, limits.threads()), 60_000,
            new BlockingArrayQueue<>(limits.queue(), limits.queue(), limits.queue()));
        pool.setName(name + "-http");
        pool.setDaemon(true);
        // no spare threads spinning for work: a dozen JVMs share two cores
        pool.setReservedThreads(0);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(limits.acceptQueue());
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    route.handle(request, response, callback);
                } catch (Exception | Error e) {
                    if (!response.isCommitted()) {
                        HttpResponses.error(response, callback, 500, e.toString());
                    } else {
                        callback.failed(e);
                    }
                }
                return true;
            }
        });
        server.setStopAtShutdown(false);
        server.start();
    }

    public static HttpService start(String name, HostPort listen, Limits limits, Route route) throws java.io.IOException {
        try {
            return new HttpService(name, listen, limits, route);
        } catch (java.io.IOException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException("cannot start the " + name + " HTTP server on " + listen + ": " + e, e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
