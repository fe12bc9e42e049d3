package io.exchangechaos.core.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.BlockingArrayQueue;

/**
 * Every HTTP server the harness runs (the Toxiproxy-compatible API, the DNS server's control API, the load's
 * loopback stand-in) is a Jetty server made here, with limits, so that no client can stall it: request headers are
 * parsed without a thread (a client that stops half-way holds only its connection, closed after the idle timeout), a
 * bounded pool with a bounded queue, a connection limit, header and body size limits, a minimum body data rate, and
 * Nagle's algorithm off (a response would otherwise wait for the client's delayed ACK).
 */
public final class JettyServers {

    private JettyServers() {
    }

    /**
     * How much a server may take. Threads include Jetty's acceptor and selector; the queue holds work no thread has
     * taken yet (beyond it, a connection is refused rather than queued without bound).
     */
    public record Limits(int maxThreads, int maxQueued, int maxConnections, Duration idleTimeout, int maxHeaderBytes,
                         int maxBodyBytes) {
        /**
         * A control API: few calls, small bodies, some of them waiting on proxies (a fault's toxics go in at once).
         * The queue is sized past what the connection limit can fill (a connection runs one request at a time), so
         * it bounds memory without ever refusing one of Jetty's own tasks.
         */
        public static final Limits CONTROL = new Limits(16, 512, 128, Duration.ofSeconds(15), 8 * 1024, 1 << 20);

        public Limits {
            if (maxThreads < 4 || maxQueued < 1 || maxConnections < 1 || maxHeaderBytes < 1024 || maxBodyBytes < 0) {
                throw new IllegalArgumentException("limits too small: " + maxThreads + " threads, " + maxQueued
                    + " queued, " + maxConnections + " connections, " + maxHeaderBytes + " header bytes, "
                    + maxBodyBytes + " body bytes");
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }

        public Limits withIdleTimeout(Duration timeout) {
            return new Limits(maxThreads, maxQueued, maxConnections, timeout, maxHeaderBytes, maxBodyBytes);
        }

        public Limits withMaxBodyBytes(int bytes) {
            return new Limits(maxThreads, maxQueued, maxConnections, idleTimeout, maxHeaderBytes, bytes);
        }
    }

    /**
     * How a server words the errors Jetty answers by itself (a malformed request, headers too large, a failure in a
     * handler): the content type and a body for a status and its reason.
     */
    public record ErrorFormat(String contentType, BiFunction<Integer, String, String> body) {
        /** {@code 431 Request Header Fields Too Large}, as plain text. */
        public static final ErrorFormat PLAIN = new ErrorFormat("text/plain; charset=utf-8",
            (status, reason) -> status + " " + reason);
    }

    /**
     * Starts {@code handler} on {@code address} (port 0 picks a free one).
     *
     * @param name names the server's threads
     * @throws BindException when the address is taken or not this machine's
     */
    public static Server start(String name, InetSocketAddress address, Limits limits, ErrorFormat errors, Handler handler)
        throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2, 60_000, -1,
            new BlockingArrayQueue<>(limits.maxQueued()), null);
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // a body trickled slower than this is cut off, so it cannot hold a thread that reads it
        http.setMinRequestDataRate(1024);
        // paths are matched decoded, as Go's router does; an encoded slash or dot segment is a 404, not a 400
        http.setUriCompliance(UriCompliance.UNSAFE);

        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptedTcpNoDelay(true);
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new FormattedErrors(errors));
        server.setHandler(handler);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            BindException bind = bindException(e);
            throw bind != null ? bind : e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the " + name + " server on " + address + ": " + e.getMessage(), e);
        }
        return server;
    }

    /** The address a started server listens on (the real port when it was started on port 0). */
    public static InetSocketAddress address(Server server) {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** Stops at once: open connections are closed, nothing waits for requests in flight. */
    public static void stop(Server server) {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.setStopTimeout(0);
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the threads are daemons
        }
    }

    /** Jetty reports a bind failure as an IOException caused by the JDK's BindException. */
    private static BindException bindException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                BindException copy = new BindException(b.getMessage());
                copy.initCause(e);
                return copy;
            }
        }
        return null;
    }

    /** Jetty's own error answers in the server's format, without stack traces or echoed request lines. */
    private static final class FormattedErrors extends ErrorHandler {
        private final ErrorFormat format;

        FormattedErrors(ErrorFormat format) {
            this.format = format;
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, format.contentType());
            response.write(true, body(code), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, format.contentType());
            return body(status);
        }

        private ByteBuffer body(int status) {
            String reason = HttpStatus.getMessage(status);
            return ByteBuffer.wrap(format.body().apply(status, reason).getBytes(StandardCharsets.UTF_8));
        }
    }
}
