package io.exchangechaos.server.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One thread receives datagrams and hands them on; replies may be sent from any thread. */
final class UdpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    private static final int MAX_DATAGRAM = 65535;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final QueryHandler handler;
    private final Thread thread;

    private UdpListener(DatagramChannel channel, QueryHandler handler) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.handler = handler;
        this.thread = new Thread(this::receiveLoop, "dns-udp-" + address.getPort());
        this.thread.setDaemon(true);
    }

    static UdpListener bind(InetSocketAddress address, QueryHandler handler) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(address);
            return new UdpListener(channel, handler);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        return address;
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("UDP receive on [{}] failed: {}", address, e.toString());
                continue;
            }
            buffer.flip();
            byte[] query = new byte[buffer.remaining()];
            buffer.get(query);
            handler.handle(query, (InetSocketAddress) from, Transport.UDP, reply -> send(reply, from));
        }
    }

    private void send(byte[] reply, SocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(reply), to);
        } catch (IOException e) {
            if (channel.isOpen()) {
                LOG.debug("UDP reply to [{}] failed: {}", to, e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(1_000);
        } catch (IOException e) {
            LOG.debug("closing UDP channel [{}]: {}", address, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
