package io.exchangechaos.server.proxy.net;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One socket of a connection: the pipe reading from it and the pipe writing to it. */
final class ProxyEndpoint implements IoHandler {
    final SocketChannel channel;
    private final Connection connection;
    private SelectionKey key;
    private int interest;
    Pipe inbound;
    Pipe outbound;

    ProxyEndpoint(SocketChannel channel, Connection connection) {
        this.channel = channel;
        this.connection = connection;
    }

    void register(IoLoop loop, int ops) throws IOException {
        channel.configureBlocking(false);
        interest = ops;
        key = channel.register(loop.selector(), ops, this);
    }

    void interest(int op, boolean on) {
        int wanted = on ? interest | op : interest & ~op;
        if (wanted != interest && key != null && key.isValid()) {
            interest = wanted;
            key.interestOps(wanted);
        }
    }

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            connection.onConnectable();
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            outbound.onWritable();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !connection.isClosed()) {
            inbound.onReadable();
        }
    }

    void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
