package io.exchangechaos.server.proxy.model;

import java.util.Objects;

/**
 * A proxy's configuration as the API sees it.
 *
 * @param listen   {@code host:port}; once the proxy has listened, the real bound address
 * @param upstream {@code host:port}; resolved per connection, never checked up front
 */
public record ProxySpec(String name, String listen, String upstream, boolean enabled) {

    public ProxySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
    }

    public ProxySpec withListen(String newListen) {
        return new ProxySpec(name, newListen, upstream, enabled);
    }

    public ProxySpec withUpstream(String newUpstream) {
        return new ProxySpec(name, listen, newUpstream, enabled);
    }

    public ProxySpec withEnabled(boolean newEnabled) {
        return new ProxySpec(name, listen, upstream, newEnabled);
    }
}
