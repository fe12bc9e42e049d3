package io.exchangechaos.server.proxy.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy's listening socket with its own blocking accept thread. Blocking on purpose: closing a
 * blocking server channel releases the port at once, so "disabled" means "connection refused"
 * the moment the API answers, which a selector-registered channel does not guarantee.
 */
final class ProxyListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyListener.class);

    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private volatile boolean closed;
    private Thread acceptor;

    private ProxyListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    static ProxyListener bind(InetSocketAddress bindAddress) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(bindAddress, 1024);
            return new ProxyListener(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    void startAccepting(String proxyName, Consumer<SocketChannel> onAccept) {
        acceptor = new Thread(() -> acceptLoop(onAccept), "toxiproxy-accept-" + proxyName);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isClosed() {
        return closed;
    }

    private void acceptLoop(Consumer<SocketChannel> onAccept) {
        while (!closed) {
            try {
                onAccept.accept(channel.accept());
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // e.g. too many open files: back off briefly instead of spinning
                LOG.warn("accept on {} failed: {}", address, e.toString());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Closes the socket and waits for the accept thread to leave {@code accept()}: until it does,
     * the kernel keeps the socket listening, and re-binding the port at once would fail.
     */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing listener {}", address, e);
        }
        if (acceptor != null && acceptor != Thread.currentThread()) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
