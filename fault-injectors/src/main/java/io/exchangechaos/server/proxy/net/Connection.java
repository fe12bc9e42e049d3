package io.exchangechaos.server.proxy.net;

import io.exchangechaos.server.proxy.model.ToxicChain;
import io.exchangechaos.server.proxy.toxic.Cancellable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection and its connection to the upstream, both served by one I/O loop.
 *
 * <p>An end of stream from either side is passed on as a half-close, as a transparent TCP proxy does. But a peer that
 * closed its socket and one that only shut its output look the same from here, and a client that gave up on an
 * answer (its timeout) closes: once one side has ended its stream, a connection with nothing read and nothing held
 * for {@link #HALF_CLOSED_IDLE_NANOS} is closed both ways, like HAProxy's {@code timeout client-fin}. Otherwise an
 * upstream that never answers (hung, or swamped) would keep both sockets of every client that gave up on it.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    static final long HALF_CLOSED_IDLE_NANOS = 2_000_000_000L;
    /**
     * An upstream that does not accept (its backlog full, or gone without a reset) is given up on after this: until
     * it connects the client is not read, so a client that gave up meanwhile would not be noticed.
     */
    static final long CONNECT_TIMEOUT_NANOS = 3_000_000_000L;

    private final IoLoop loop;
    private final ProxyInstance proxy;
    private final ProxyEndpoint client;
    private ProxyEndpoint server;
    private Pipe upstream;
    private Pipe downstream;
    private boolean connected;
    private boolean closed;
    private long lastRead = System.nanoTime();
    private Cancellable idleCheck;

    private Connection(IoLoop loop, ProxyInstance proxy, SocketChannel clientChannel) {
        this.loop = loop;
        this.proxy = proxy;
        this.client = new ProxyEndpoint(clientChannel, this);
    }

    /** Runs on the loop thread. */
    static void open(IoLoop loop, ProxyInstance proxy, ProxyListener listener, SocketChannel clientChannel,
                     InetSocketAddress target) {
        Connection connection = new Connection(loop, proxy, clientChannel);
        proxy.register(connection);
        // registered first, then checked: a concurrent stop either sees us or we see it
        if (listener.isClosed()) {
            connection.close();
            return;
        }
        connection.connectUpstream(target);
    }

    IoLoop loop() {
        return loop;
    }

    boolean isClosed() {
        return closed;
    }

    private void connectUpstream(InetSocketAddress target) {
        try {
            client.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.register(loop, 0); // not read until the upstream answers
            SocketChannel channel = SocketChannel.open();
            server = new ProxyEndpoint(channel, this);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.register(loop, 0);
            if (channel.connect(target)) {
                onConnected();
            } else {
                server.interest(SelectionKey.OP_CONNECT, true);
                loop.schedule(CONNECT_TIMEOUT_NANOS, () -> {
                    if (!connected && !closed) {
                        LOG.debug("proxy {}: upstream {} did not accept within {} ms", proxy.name(), target,
                            CONNECT_TIMEOUT_NANOS / 1_000_000);
                        close();
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // like Toxiproxy: the client was accepted, the upstream is unreachable, so hang up
            LOG.debug("proxy {}: upstream {} unreachable: {}", proxy.name(), target, e.toString());
            close();
        }
    }

    void onConnectable() {
        try {
            if (server.channel.finishConnect()) {
                server.interest(SelectionKey.OP_CONNECT, false);
                onConnected();
            }
        } catch (IOException e) {
            LOG.debug("proxy {}: upstream connect failed: {}", proxy.name(), e.toString());
            close();
        }
    }

    private void onConnected() {
        connected = true;
        upstream = new Pipe(this, client, server);
        downstream = new Pipe(this, server, client);
        ToxicChain chain = proxy.toxics();
        upstream.start(chain.upstream());
        downstream.start(chain.downstream());
    }

    /** Picks up the proxy's current toxics; a no-op before the upstream connects. */
    void refreshToxics() {
        if (!connected || closed) {
            return;
        }
        ToxicChain chain = proxy.toxics();
        upstream.applyToxics(chain.upstream());
        if (!closed) {
            downstream.applyToxics(chain.downstream());
        }
    }

    /** Bytes arrived from either side. */
    void onRead() {
        lastRead = System.nanoTime();
    }

    /** One side ended its stream: from now on, a silent connection is an abandoned one. */
    void onHalfClosed() {
        if (idleCheck == null && !closed) {
            idleCheck = loop.schedule(HALF_CLOSED_IDLE_NANOS, this::closeIfIdle);
        }
    }

    private void closeIfIdle() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long quietFor = now - lastRead;
        boolean holding = upstream != null && upstream.holdsData() || downstream != null && downstream.holdsData();
        if (!holding && quietFor >= HALF_CLOSED_IDLE_NANOS) {
            LOG.debug("proxy {}: closing a half-closed connection silent for {} ms", proxy.name(), quietFor / 1_000_000);
            close();
            return;
        }
        idleCheck = loop.schedule(holding ? HALF_CLOSED_IDLE_NANOS : HALF_CLOSED_IDLE_NANOS - quietFor, this::closeIfIdle);
    }

    /** Both directions have passed their end of stream on: nothing more can flow. */
    void onOutputDone() {
        if (upstream.outputDone() && downstream.outputDone()) {
            close();
        }
    }

    /** Closes both sockets with a TCP RST instead of a FIN. */
    void reset() {
        if (closed) {
            return;
        }
        lingerZero(client);
        if (server != null) {
            lingerZero(server);
        }
        close();
    }

    private static void lingerZero(ProxyEndpoint endpoint) {
        try {
            endpoint.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (idleCheck != null) {
            idleCheck.cancel();
        }
        client.close();
        if (server != null) {
            server.close();
        }
        proxy.unregister(this);
    }
}
