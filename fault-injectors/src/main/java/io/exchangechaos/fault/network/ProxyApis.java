package io.exchangechaos.fault.network;

/**
 * Where a stack's links are proxied: the facet every stack whose links go through a Toxiproxy-compatible server
 * offers ({@code stack.facet(ProxyApis.class)}).
 */
public interface ProxyApis {

    /** The Toxiproxy API holding {@code link}'s proxy, e.g. {@code http://127.0.0.1:8474}. */
    String proxyApi(String link);
}
