package io.exchangechaos.fault.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.server.InProcessServers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The heal recipes of link faults and of a run's proxies, and how each heals through any Toxiproxy API. */
public final class NetworkRecipes {

    private NetworkRecipes() {
    }

    /**
     * Remove these toxics from a proxy of the Toxiproxy API at {@code apiUrl} (embedded or real). {@code holder} is
     * {@code pid:startTicks} of the process that serves the API when that is the injecting JVM itself (the embedded
     * server), else null: once that process is gone, so are its proxies and their toxics.
     */
    public record RemoveToxics(String apiUrl, String proxy, List<String> toxics,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String holder) implements HealRecipe {
        public RemoveToxics {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(proxy, "proxy");
            toxics = List.copyOf(toxics);
        }

        public RemoveToxics(String apiUrl, String proxy, List<String> toxics) {
            this(apiUrl, proxy, toxics, null);
        }
    }

    /** Re-enable a proxy that a partition disabled; {@code holder} as in {@link RemoveToxics}. */
    public record EnableProxy(String apiUrl, String proxy, @JsonInclude(JsonInclude.Include.NON_NULL) String holder)
        implements HealRecipe {
        public EnableProxy {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(proxy, "proxy");
        }

        public EnableProxy(String apiUrl, String proxy) {
            this(apiUrl, proxy, null);
        }
    }

    /**
     * Delete the proxies a run created on an external Toxiproxy (one it did not start), so their listening ports are
     * free again; with the processes a run started.
     */
    public record DeleteProxies(String apiUrl, List<String> proxies) implements HealRecipe {
        public DeleteProxies {
            Objects.requireNonNull(apiUrl, "apiUrl");
            proxies = List.copyOf(proxies);
        }
    }

    /** {@code remove-toxics}. */
    public static final class RemoveToxicsKind extends HealRecipeKind.Basic<RemoveToxics> {
        public RemoveToxicsKind() {
            super("remove-toxics", RemoveToxics.class, 2);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(RemoveToxics r, Set<String> over) {
            return Cleanup.neverInForce(r.apiUrl());
        }

        @Override
        public HealResult heal(RemoveToxics r, HealContext cx) throws IOException {
            if (InProcessServers.holderGone(r.holder())) {
                return diedWithHolder("toxics " + r.toxics() + " on proxy [" + r.proxy() + "]", "Toxiproxy API", r.apiUrl(),
                    r.holder());
            }
            Optional<Proxy> proxy = proxy(r.apiUrl(), r.proxy(), cx);
            if (proxy.isEmpty()) {
                return HealResult.alreadyGone("proxy [" + r.proxy() + "] no longer exists at " + r.apiUrl());
            }
            List<String> removed = new ArrayList<>();
            String toxics = "/proxies/" + r.proxy() + "/toxics";
            for (Toxic toxic : toxiproxy(cx, r.apiUrl(), "GET " + toxics, () -> proxy.get().toxics().getAll())) {
                if (r.toxics().contains(toxic.getName())) {
                    toxiproxy(cx, r.apiUrl(), "DELETE " + toxics + "/" + toxic.getName(), () -> {
                        toxic.remove();
                        return null;
                    });
                    removed.add(toxic.getName());
                }
            }
            return removed.isEmpty()
                ? HealResult.alreadyGone("no toxic " + r.toxics() + " left on proxy [" + r.proxy() + "]")
                : HealResult.healed("removed toxics " + removed + " from proxy [" + r.proxy() + "]");
        }
    }

    /** {@code enable-proxy}. */
    public static final class EnableProxyKind extends HealRecipeKind.Basic<EnableProxy> {
        public EnableProxyKind() {
            super("enable-proxy", EnableProxy.class, 3);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(EnableProxy r, Set<String> over) {
            return Cleanup.neverInForce(r.apiUrl());
        }

        @Override
        public HealResult heal(EnableProxy r, HealContext cx) throws IOException {
            if (InProcessServers.holderGone(r.holder())) {
                return diedWithHolder("the disabled proxy [" + r.proxy() + "]", "Toxiproxy API", r.apiUrl(), r.holder());
            }
            Optional<Proxy> proxy = proxy(r.apiUrl(), r.proxy(), cx);
            if (proxy.isEmpty()) {
                return HealResult.alreadyGone("proxy [" + r.proxy() + "] no longer exists at " + r.apiUrl());
            }
            if (proxy.get().isEnabled()) {
                return HealResult.alreadyGone("proxy [" + r.proxy() + "] is already enabled");
            }
            toxiproxy(cx, r.apiUrl(), "POST /proxies/" + r.proxy(), () -> {
                proxy.get().enable();
                return null;
            });
            return HealResult.healed("enabled proxy [" + r.proxy() + "]");
        }
    }

    /** {@code delete-proxies}. */
    public static final class DeleteProxiesKind extends HealRecipeKind.Basic<DeleteProxies> {
        public DeleteProxiesKind() {
            super("delete-proxies", DeleteProxies.class, 7);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(DeleteProxies r, Set<String> over) {
            return Cleanup.neverInForce(r.apiUrl());
        }

        @Override
        public HealResult heal(DeleteProxies r, HealContext cx) throws IOException {
            URI uri = URI.create(r.apiUrl());
            ToxiproxyClient client = new ToxiproxyClient(uri.getHost(), uri.getPort());
            List<Proxy> existing;
            try {
                existing = toxiproxy(cx, r.apiUrl(), "GET /proxies", client::getProxies);
            } catch (IOException e) {
                throw new IOException((ControlCalls.isTimeout(e) ? e.getMessage() : "Toxiproxy API at [" + r.apiUrl()
                    + "] is not reachable (" + e.getMessage() + ")") + "; start it again, or delete the proxies "
                    + r.proxies() + " by hand", e);
            }
            List<String> deleted = new ArrayList<>();
            for (Proxy p : existing) {
                if (r.proxies().contains(p.getName())) {
                    toxiproxy(cx, r.apiUrl(), "DELETE /proxies/" + p.getName(), () -> {
                        p.delete();
                        return null;
                    });
                    deleted.add(p.getName());
                }
            }
            return deleted.isEmpty()
                ? HealResult.alreadyGone("none of the proxies " + r.proxies() + " is left at " + r.apiUrl())
                : HealResult.healed("deleted proxies " + deleted + " from " + r.apiUrl());
        }
    }

    /** A fault held in the memory of a server that lived in a process now gone: it went with that process. */
    static HealResult diedWithHolder(String what, String api, String url, String holder) {
        return HealResult.alreadyGone(what + " lived in the " + api + " at " + url + " served by pid "
            + InProcessServers.pidOf(holder) + ", which is gone: the fault went with it");
    }

    private static Optional<Proxy> proxy(String apiUrl, String name, HealContext cx) throws IOException {
        URI uri = URI.create(apiUrl);
        ToxiproxyClient client = new ToxiproxyClient(uri.getHost(), uri.getPort());
        try {
            return toxiproxy(cx, apiUrl, "GET /proxies", client::getProxies).stream()
                .filter(p -> p.getName().equals(name)).findFirst();
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw e;
            }
            throw new IOException("Toxiproxy API at [" + apiUrl + "] is not reachable (" + e.getMessage()
                + "); start it (./chaos proxy-server) or pass its URL with --toxiproxy", e);
        }
    }

    /** {@code toxiproxy-java} has no timeout of its own: each of its calls is given up after the healer's. */
    private static <T> T toxiproxy(HealContext cx, String apiUrl, String what, ControlCalls.Call<T> call)
        throws IOException {
        return ControlCalls.within(cx.timeout(), "Toxiproxy API", apiUrl, what, call);
    }
}
