package io.exchangechaos.server.proxy;

import io.exchangechaos.server.proxy.model.ListenAddress;
import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.net.IoLoopGroup;
import io.exchangechaos.server.proxy.net.ProxyInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** A proxy's configuration together with its live instance; guarded by the registry's lock. */
final class ManagedProxy {
    private ProxySpec spec;
    private final ProxyInstance instance;

    ManagedProxy(ProxySpec spec, IoLoopGroup loops) {
        this.spec = spec.withEnabled(false);
        this.instance = new ProxyInstance(spec.name(), loops);
    }

    ProxySpec spec() {
        return spec;
    }

    ProxyInstance instance() {
        return instance;
    }

    ProxyView view() {
        return new ProxyView(spec, instance.toxics().all());
    }

    /** Listens; {@code listen} becomes the real bound address, as Toxiproxy reports it. */
    void start() {
        if (instance.isListening()) {
            return;
        }
        InetSocketAddress bindAddress = resolveListen(spec.listen());
        try {
            InetSocketAddress bound = instance.start(bindAddress, spec.upstream());
            spec = spec.withListen(ListenAddress.format(bound)).withEnabled(true);
        } catch (IOException e) {
            throw new ApiException(500, "listen tcp " + spec.listen() + ": bind: " + goStyle(e));
        }
    }

    void stop() {
        instance.stop();
        spec = spec.withEnabled(false);
    }

    /** Changes listen/upstream: stops the proxy, closing live connections, as Toxiproxy does. */
    void retarget(String listen, String upstream) {
        instance.stop();
        spec = new ProxySpec(spec.name(), listen, upstream, false);
    }

    private static InetSocketAddress resolveListen(String listen) {
        ListenAddress hostPort;
        try {
            hostPort = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, "listen tcp: " + e.getMessage());
        }
        try {
            return hostPort.resolve();
        } catch (UnknownHostException e) {
            throw new ApiException(500, "listen tcp: lookup " + hostPort.host() + ": no such host");
        }
    }

    /** Go spells errno text in lower case: "address already in use". */
    private static String goStyle(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase(Locale.ROOT);
    }
}
