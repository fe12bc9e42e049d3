package io.exchangechaos.server.proxy.net;

import io.exchangechaos.server.proxy.model.ListenAddress;
import io.exchangechaos.server.proxy.model.ToxicChain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of one proxy: its listener, its connections and the toxics they apply.
 * Control methods are called by one thread at a time (the registry's lock); connections read
 * {@link #toxics()} from their I/O threads.
 */
public final class ProxyInstance {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyInstance.class);
    private static final long CONTROL_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final IoLoopGroup loops;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile ToxicChain toxics = ToxicChain.EMPTY;
    private ProxyListener listener;

    public ProxyInstance(String name, IoLoopGroup loops) {
        this.name = name;
        this.loops = loops;
    }

    public String name() {
        return name;
    }

    public ToxicChain toxics() {
        return toxics;
    }

    public boolean isListening() {
        return listener != null;
    }

    /**
     * Listens and starts forwarding to {@code upstream}.
     *
     * @return the address actually bound, e.g. with the port chosen for port 0
     */
    public InetSocketAddress start(InetSocketAddress bindAddress, String upstream) throws IOException {
        if (listener != null) {
            return listener.address();
        }
        ProxyListener bound = ProxyListener.bind(bindAddress);
        bound.startAccepting(name, channel -> {
            // resolved here, on the proxy's accept thread: a slow DNS answer must not stall an I/O loop
            InetSocketAddress target = resolve(upstream);
            if (target == null) {
                closeQuietly(channel); // like Toxiproxy: accepted, upstream unreachable, hung up
                return;
            }
            IoLoop loop = loops.next();
            loop.execute(() -> Connection.open(loop, this, bound, channel, target));
        });
        listener = bound;
        return bound.address();
    }

    private InetSocketAddress resolve(String upstream) {
        try {
            return ListenAddress.parse(upstream).resolve();
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("proxy {}: upstream {} unreachable: {}", name, upstream, e.toString());
            return null;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops listening (connection refused from now on) and closes every live connection. */
    public void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Connection connection : connections) {
            connection.loop().execute(connection::close);
        }
        loops.awaitQuiescence(CONTROL_TIMEOUT_MILLIS);
    }

    /** Publishes new toxics and waits until every live connection has applied them. */
    public void setToxics(ToxicChain chain) {
        publishToxics(chain).run();
    }

    /**
     * Publishes new toxics and hands back the wait until every live connection has applied them: a caller holding a
     * lock publishes under it and waits outside it, so changes to other proxies are not queued behind this one's
     * connections.
     */
    public Runnable publishToxics(ToxicChain chain) {
        toxics = chain;
        for (Connection connection : connections) {
            connection.loop().execute(connection::refreshToxics);
        }
        return () -> loops.awaitQuiescence(CONTROL_TIMEOUT_MILLIS);
    }

    public int connectionCount() {
        return connections.size();
    }

    void register(Connection connection) {
        connections.add(connection);
    }

    void unregister(Connection connection) {
        connections.remove(connection);
    }
}
