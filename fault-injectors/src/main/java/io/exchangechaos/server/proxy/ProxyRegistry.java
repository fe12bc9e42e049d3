package io.exchangechaos.server.proxy;

import io.exchangechaos.server.proxy.model.ProxySpec;
import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.model.ToxicChain;
import io.exchangechaos.server.proxy.net.IoLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Every proxy of the server and the operations of the control API, with Toxiproxy's semantics.
 * One lock serialises control operations; the data path never takes it.
 */
public final class ProxyRegistry implements AutoCloseable {
    private final IoLoopGroup loops;
    private final Map<String, ManagedProxy> proxies = new TreeMap<>();

    public ProxyRegistry(IoLoopGroup loops) {
        this.loops = loops;
    }

    public synchronized Map<String, ProxyView> list() {
        Map<String, ProxyView> views = new LinkedHashMap<>();
        proxies.forEach((name, proxy) -> views.put(name, proxy.view()));
        return views;
    }

    public synchronized ProxyView create(ProxySpec spec) {
        if (proxies.containsKey(spec.name())) {
            throw new ApiException(409, "proxy already exists");
        }
        ManagedProxy proxy = new ManagedProxy(spec, loops);
        if (spec.enabled()) {
            proxy.start(); // a bind error leaves nothing behind
        }
        proxies.put(spec.name(), proxy);
        return proxy.view();
    }

    public synchronized ProxyView get(String name) {
        return require(name).view();
    }

    /**
     * Partial update: the operator gets the current spec and returns the wanted one. A changed
     * listen or upstream restarts the listener and closes live connections.
     */
    public synchronized ProxyView update(String name, UnaryOperator<ProxySpec> change) {
        ManagedProxy proxy = require(name);
        ProxySpec current = proxy.spec();
        ProxySpec wanted = change.apply(current);
        if (!wanted.listen().equals(current.listen()) || !wanted.upstream().equals(current.upstream())) {
            proxy.retarget(wanted.listen(), wanted.upstream());
        }
        if (wanted.enabled() && !proxy.instance().isListening()) {
            proxy.start();
        } else if (!wanted.enabled() && proxy.instance().isListening()) {
            proxy.stop();
        }
        return proxy.view();
    }

    public synchronized void delete(String name) {
        require(name).stop();
        proxies.remove(name);
    }

    public synchronized List<Toxic> toxics(String proxyName) {
        return require(proxyName).instance().toxics().all();
    }

    public synchronized boolean hasToxic(String proxyName, String toxicName) {
        return require(proxyName).instance().toxics().find(toxicName).isPresent();
    }

    /** Adds a toxic; returns once every live connection of the proxy applied it (waiting outside the lock). */
    public Toxic addToxic(String proxyName, Toxic toxic) {
        Runnable applied;
        synchronized (this) {
            ManagedProxy proxy = require(proxyName);
            ToxicChain chain = proxy.instance().toxics();
            if (chain.find(toxic.name()).isPresent()) {
                throw new ApiException(409, "toxic already exists");
            }
            applied = proxy.instance().publishToxics(chain.with(toxic));
        }
        applied.run();
        return toxic;
    }

    public synchronized Toxic toxic(String proxyName, String toxicName) {
        return require(proxyName).instance().toxics().find(toxicName).orElseThrow(ApiException::toxicNotFound);
    }

    public Toxic updateToxic(String proxyName, String toxicName, UnaryOperator<Toxic> change) {
        Runnable applied;
        Toxic changed;
        synchronized (this) {
            ManagedProxy proxy = require(proxyName);
            ToxicChain chain = proxy.instance().toxics();
            Toxic current = chain.find(toxicName).orElseThrow(ApiException::toxicNotFound);
            changed = change.apply(current);
            applied = proxy.instance().publishToxics(chain.replacing(changed));
        }
        applied.run();
        return changed;
    }

    public void removeToxic(String proxyName, String toxicName) {
        Runnable applied;
        synchronized (this) {
            ManagedProxy proxy = require(proxyName);
            ToxicChain chain = proxy.instance().toxics();
            if (chain.find(toxicName).isEmpty()) {
                throw ApiException.toxicNotFound();
            }
            applied = proxy.instance().publishToxics(chain.without(toxicName));
        }
        applied.run();
    }

    /** Re-enables every proxy and removes every toxic; deletes nothing. */
    public synchronized void reset() {
        for (ManagedProxy proxy : proxies.values()) {
            proxy.start();
            proxy.instance().setToxics(ToxicChain.EMPTY);
        }
    }

    /**
     * Creates or replaces the given proxies. Entries are validated by the caller before any is
     * applied; an existing proxy with the same listen and upstream is kept with its toxics.
     */
    public synchronized PopulateResult populate(List<ProxySpec> specs) {
        List<ProxyView> applied = new ArrayList<>();
        for (ProxySpec spec : specs) {
            ManagedProxy existing = proxies.get(spec.name());
            if (existing != null && existing.spec().listen().equals(spec.listen())
                    && existing.spec().upstream().equals(spec.upstream())) {
                applied.add(existing.view());
                continue;
            }
            if (existing != null) {
                existing.stop();
                proxies.remove(spec.name());
            }
            ManagedProxy proxy = new ManagedProxy(spec, loops);
            try {
                if (spec.enabled()) {
                    proxy.start();
                }
            } catch (ApiException e) {
                return new PopulateResult(applied, Optional.of(e));
            }
            proxies.put(spec.name(), proxy);
            applied.add(proxy.view());
        }
        return new PopulateResult(applied, Optional.empty());
    }

    /** What populate did: the proxies applied, in order, and the error that stopped it, if any. */
    public record PopulateResult(List<ProxyView> proxies, Optional<ApiException> error) {
        public PopulateResult {
            proxies = List.copyOf(proxies);
        }
    }

    private ManagedProxy require(String name) {
        ManagedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.proxyNotFound();
        }
        return proxy;
    }

    @Override
    public synchronized void close() {
        proxies.values().forEach(ManagedProxy::stop);
        proxies.clear();
    }
}
