package io.exchangechaos.server.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over TCP (RFC 1035 4.2.2: each message prefixed by its 2-byte length) on one selector
 * thread: no thread per connection, so clients that keep connections open (dnsjava does) cost
 * nothing while idle. Replies are queued by any thread and written by the selector thread only.
 */
final class TcpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    /** Protects the process's file descriptors from a client that opens connections in a loop. */
    private static final int MAX_CONNECTIONS = 512;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final InetSocketAddress address;
    private final QueryHandler handler;
    private final Queue<Connection> pendingWrites = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TcpListener(ServerSocketChannel server, Selector selector, QueryHandler handler) throws IOException {
        this.server = server;
        this.selector = selector;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.handler = handler;
        this.thread = new Thread(this::selectLoop, "dns-tcp-" + address.getPort());
        this.thread.setDaemon(true);
    }

    static TcpListener bind(InetSocketAddress address, QueryHandler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        Selector selector = null;
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 128);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new TcpListener(server, selector, handler);
        } catch (IOException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        return address;
    }

    private void selectLoop() {
        try {
            while (running) {
                selector.select();
                Connection pending;
                while ((pending = pendingWrites.poll()) != null) {
                    pending.flush();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Connection connection = (Connection) key.attachment();
                        if (key.isReadable()) {
                            connection.read();
                        }
                        if (key.isValid() && key.isWritable()) {
                            connection.flush();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.error("DNS TCP listener on [{}] stopped: {}", address, e.toString(), e);
            }
        } finally {
            closeAll();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        if (selector.keys().size() > MAX_CONNECTIONS) {
            channel.close();
            return;
        }
        channel.configureBlocking(false);
        Connection connection = new Connection(channel, (InetSocketAddress) channel.getRemoteAddress());
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        closeQuietly(selector);
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing [{}]: {}", closeable, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (selector.isOpen()) {
            closeAll(); // the loop never ran, or did not stop in time
        }
    }

    private final class Connection {

        private final SocketChannel channel;
        private final InetSocketAddress remote;
        private final ByteBuffer in = ByteBuffer.allocate(2 + 65535);
        private final Queue<ByteBuffer> out = new ConcurrentLinkedQueue<>();
        private SelectionKey key;

        Connection(SocketChannel channel, InetSocketAddress remote) {
            this.channel = channel;
            this.remote = remote;
        }

        /** Selector thread only. */
        void read() {
            try {
                if (channel.read(in) < 0) {
                    close();
                    return;
                }
                while (in.position() >= 2) {
                    int length = Short.toUnsignedInt(in.getShort(0));
                    if (length == 0) {
                        close(); // no DNS message is empty: the stream is not DNS
                        return;
                    }
                    if (in.position() < 2 + length) {
                        return;
                    }
                    byte[] message = new byte[length];
                    in.flip();
                    in.position(2);
                    in.get(message);
                    in.compact();
                    handler.handle(message, remote, Transport.TCP, this::enqueue);
                }
            } catch (IOException e) {
                close();
            }
        }

        /** Any thread. */
        void enqueue(byte[] reply) {
            ByteBuffer framed = ByteBuffer.allocate(2 + reply.length);
            framed.putShort((short) reply.length).put(reply).flip();
            out.add(framed);
            pendingWrites.add(this);
            selector.wakeup();
        }

        /** Selector thread only. */
        void flush() {
            if (!key.isValid()) {
                out.clear();
                return;
            }
            try {
                ByteBuffer next;
                while ((next = out.peek()) != null) {
                    channel.write(next);
                    if (next.hasRemaining()) {
                        break;
                    }
                    out.poll();
                }
                key.interestOps(out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } catch (IOException e) {
                close();
            }
        }

        private void close() {
            key.cancel();
            closeQuietly(channel);
        }
    }
}
