package io.exchangechaos.server.proxy;

import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.core.http.JettyServers;
import io.exchangechaos.server.proxy.api.ApiServer;
import io.exchangechaos.server.proxy.model.ListenAddress;
import io.exchangechaos.server.proxy.net.IoLoopGroup;

import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.server.proxy.api.ApiServer;
import io.exchangechaos.server.proxy.model.ListenAddress;
import io.exchangechaos.server.proxy.net.IoLoopGroup;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An embedded server speaking Toxiproxy's HTTP API with Toxiproxy's semantics, so the
 * {@code toxiproxy-java} client (or any other) works against it unchanged, and a real Toxiproxy
 * can be swapped in by URL.
 *
 * <pre>{@code
 * try (ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0)) {
 *     ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
 *     Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
 *     proxy.toxics().latency("slow-db", ToxicDirection.DOWNSTREAM, 200);
 * }
 * }</pre>
 */
public final class ToxiproxyServer implements AutoCloseable {
    /** Answered by {@code GET /version}: the Toxiproxy release whose semantics are followed. */
    public static final String VERSION = "2.12.0-exchange-chaos";

    private final IoLoopGroup loops;
    private final ProxyRegistry registry;
    private final ApiServer api;

    private ToxiproxyServer(IoLoopGroup loops, ProxyRegistry registry, ApiServer api) {
        this.loops = loops;
        this.registry = registry;
        this.api = api;
    }

    /**
     * Starts a server whose control API listens on {@code host:port} (port 0 picks a free one).
     *
     * @throws IOException naming the address and the fix when it cannot listen
     */
    public static ToxiproxyServer start(String host, int port) throws IOException {
        return start(host, port, JettyServers.Limits.CONTROL);
    }

    /** As {@link #start(String, int)}, with the API's server held to {@code limits}. */
    public static ToxiproxyServer start(String host, int port, JettyServers.Limits limits) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        IoLoopGroup loops = IoLoopGroup.forThisMachine();
        ProxyRegistry registry = new ProxyRegistry(loops);
        try {
            ToxiproxyServer server = new ToxiproxyServer(loops, registry, ApiServer.start(address, registry, VERSION, limits));
            InProcessServers.register(server.apiUrl());
            return server;
        } catch (BindException e) {
            loops.close();
            throw new BindException("toxiproxy-compatible server cannot listen on [" + host + ":" + port + "]: "
                    + e.getMessage() + "; stop whatever holds the port or choose another one");
        } catch (IOException | RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    /** A server on a free loopback port, for tests. */
    public static ToxiproxyServer start() throws IOException {
        return start("127.0.0.1", 0);
    }

    /** E.g. {@code http://127.0.0.1:8474}. */
    public String apiUrl() {
        return "http://" + ListenAddress.format(api.address());
    }

    public String host() {
        return api.address().getAddress().getHostAddress();
    }

    public int port() {
        return api.address().getPort();
    }

    /** Stops the API, every proxy and every live connection. */
    @Override
    public void close() {
        InProcessServers.unregister(apiUrl());
        api.close();
        registry.close();
        loops.close();
    }
}
