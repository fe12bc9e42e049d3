package io.exchangechaos.core.run;

import io.exchangechaos.core.http.JettyServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * A stand-in exchange on loopback that acknowledges anything at once. The load generator warms up against it while
 * the real stack is still starting, so neither waits for the other and no warm-up order reaches the exchange; during
 * the load it is the canary that measures the load generator's own delay.
 */
final class WarmUpEndpoint implements AutoCloseable {
    private static final byte[] ACK = "{\"status\":\"ACCEPTED\",\"order\":{\"status\":\"NEW\"}}"
        .getBytes(StandardCharsets.UTF_8);
    /** The warm-up's orders at up to 50/s over Gatling's shared connections (at most 64), the canary's at 10/s. */
    private static final JettyServers.Limits LIMITS =
        new JettyServers.Limits(8, 512, 128, Duration.ofSeconds(15), 8 * 1024, 64 * 1024);

    private final Server server;
    private final InetSocketAddress address;

    private WarmUpEndpoint(Server server) {
        this.server = server;
        this.address = JettyServers.address(server);
    }

    static WarmUpEndpoint start() throws IOException {
        Handler ack = new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // the order is read and dropped, so the connection can carry the next one
                Content.Source.consumeAll(request, Callback.from(() -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, ByteBuffer.wrap(ACK), callback);
                }, callback::failed));
                return true;
            }
        };
        return new WarmUpEndpoint(JettyServers.start("warm-up-endpoint",
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LIMITS, JettyServers.ErrorFormat.PLAIN, ack));
    }

    URI uri() {
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void close() {
        JettyServers.stop(server);
    }
}
