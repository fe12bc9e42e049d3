package io.exchangechaos.server.dns;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** Receives one DNS message from a transport, with the way to send the reply back. */
@FunctionalInterface
interface QueryHandler {

    /** Must return quickly: it is called on the transport's only I/O thread. */
    void handle(byte[] query, InetSocketAddress client, Transport transport, Consumer<byte[]> replier);
}
