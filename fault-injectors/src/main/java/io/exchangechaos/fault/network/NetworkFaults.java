package io.exchangechaos.fault.network;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.server.InProcessServers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Network faults on the links of a topology, through any server that speaks Toxiproxy's API (the embedded one or a
 * real Toxiproxy: nothing here cares which), with the {@code toxiproxy-java} client. Each fault adds toxics named
 * {@code chaos-<faultId>-up} / {@code -down}, so two faults on one proxy never collide and cleanup removes exactly
 * its own. Every call to the API is given up after a timeout ({@link ControlCalls#DEFAULT}), so a hung server makes a
 * fault fail, never wait.
 *
 * <pre>{@code
 * NetworkFaults network = NetworkFaults.connect("http://127.0.0.1:8474", recorder);
 * try (InjectedFault hold = network.blackhole("replication-r1")) { ... }
 * }</pre>
 */
public final class NetworkFaults {
    private static final String SERVER = "Toxiproxy API";

    private final String apiUrl;
    private final ToxiproxyClient client;
    private final FaultRecorder recorder;
    private final Duration timeout;

    private NetworkFaults(String apiUrl, FaultRecorder recorder, Duration timeout) {
        URI uri = URI.create(apiUrl);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("Toxiproxy API URL [" + apiUrl + "] needs a host and a port, e.g."
                + " http://127.0.0.1:8474");
        }
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.client = new ToxiproxyClient(uri.getHost(), uri.getPort());
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Faults through the Toxiproxy API at {@code apiUrl}, e.g. {@code http://127.0.0.1:8474}. */
    public static NetworkFaults connect(String apiUrl, FaultRecorder recorder) {
        return new NetworkFaults(apiUrl, recorder, ControlCalls.DEFAULT);
    }

    /** The same, giving up on each call to the API after {@code newTimeout}. */
    public NetworkFaults withTimeout(Duration newTimeout) {
        return new NetworkFaults(apiUrl, recorder, newTimeout);
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** The toxics on {@code proxy} now, by name; touches nothing (a harness reads it once before its first fault). */
    public List<String> toxicNames(String proxy) {
        try {
            Proxy p = existing(proxy);
            List<String> names = new ArrayList<>();
            for (var t : call("GET /proxies/" + proxy + "/toxics", () -> p.toxics().getAll())) {
                names.add(t.getName());
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("Toxiproxy API at [" + apiUrl + "] did not list the toxics of [" + proxy
                + "] (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Takes the way a toxic fault goes once, on a scratch proxy nobody connects to: the proxy created, a toxic added
     * in both directions and removed, the proxy deleted. A harness does this before its load, so that its first real
     * toxic does not pay for loading and connecting on the way. Recorded like any fault: a crash half-way leaves
     * nothing {@code chaos cleanup} does not remove. Touches no proxy of the system under test.
     */
    public void warmUp() {
        String scratch = "chaos-warm-up-" + Long.toHexString(System.nanoTime());
        FaultRecorder.Plan plan = recorder.plan("network.warm-up", "scratch proxy " + scratch,
            id -> new NetworkRecipes.DeleteProxies(apiUrl, List.of(scratch)));
        try (InjectedFault proxy = recorder.inject(plan, refine -> call("POST /proxies",
                () -> client.createProxy(scratch, "127.0.0.1:0", "127.0.0.1:9")));
             InjectedFault toxic = latency(scratch, Duration.ZERO, Duration.ZERO, LinkStream.BOTH)) {
            // the calls themselves are the warm-up; closing heals the toxic, then deletes the proxy
        }
    }

    /** Delays data by {@code latency} ± {@code jitter}. */
    public InjectedFault latency(String proxy, Duration latency, Duration jitter, LinkStream direction) {
        requireNonNegative("latency", latency);
        requireNonNegative("jitter", jitter);
        return toxics("network.latency", proxy, direction, (p, name, dir) -> {
            var toxic = p.toxics().latency(name, dir, latency.toMillis());
            // a new latency toxic has no jitter: a second call only when there is one to set
            return jitter.isZero() ? toxic : toxic.setJitter(jitter.toMillis());
        });
    }

    /** Limits throughput to {@code rateKBps} kilobytes per second. */
    public InjectedFault bandwidth(String proxy, long rateKBps, LinkStream direction) {
        if (rateKBps < 0) {
            throw new IllegalArgumentException("rateKBps [" + rateKBps + "] is negative; use 0 (no data) or more");
        }
        return toxics("network.bandwidth", proxy, direction, (p, name, dir) -> p.toxics().bandwidth(name, dir, rateKBps));
    }

    /** Connections are accepted and held open, but no data passes either way (timeout toxic 0, both directions). */
    public InjectedFault blackhole(String proxy) {
        return toxics("network.blackhole", proxy, LinkStream.BOTH, (p, name, dir) -> p.toxics().timeout(name, dir, 0));
    }

    /** Every connection is reset (TCP RST) as soon as it is made. */
    public InjectedFault reset(String proxy) {
        return reset(proxy, Duration.ZERO);
    }

    /** Every connection is reset (TCP RST) {@code after} it is made. */
    public InjectedFault reset(String proxy, Duration after) {
        requireNonNegative("after", after);
        return toxics("network.reset", proxy, LinkStream.UPSTREAM,
            (p, name, dir) -> p.toxics().resetPeer(name, dir, after.toMillis()));
    }

    /** The proxy is disabled: new connections are refused and open ones closed. Heals by enabling it. */
    public InjectedFault partition(String proxy) {
        Proxy p = existing(proxy);
        FaultRecorder.Plan plan = recorder.plan("network.partition", "proxy " + proxy,
            id -> new NetworkRecipes.EnableProxy(apiUrl, proxy, InProcessServers.holderOf(apiUrl)));
        return recorder.inject(plan, refine -> call("POST /proxies/" + proxy, () -> {
            p.disable();
            return null;
        }));
    }

    /**
     * Data is cut into segments of {@code averageSize} ± {@code sizeVariation} bytes, {@code delay} apart, both ways
     * (the {@code slicer} toxic).
     */
    public InjectedFault slice(String proxy, long averageSize, long sizeVariation, Duration delay) {
        if (averageSize < 1 || sizeVariation < 0 || sizeVariation >= averageSize) {
            throw new IllegalArgumentException("slice of " + averageSize + " ± " + sizeVariation + " bytes: give at least 1"
                + " byte per segment and a variation below it");
        }
        requireNonNegative("delay", delay);
        return toxics("network.slice", proxy, LinkStream.BOTH, (p, name, dir) ->
            p.toxics().slicer(name, dir, averageSize, delay.toNanos() / 1_000).setSizeVariation(sizeVariation));
    }

    /** Connections close only {@code delay} after the upstream closed them. */
    public InjectedFault slowClose(String proxy, Duration delay) {
        requireNonNegative("delay", delay);
        return toxics("network.slow-close", proxy, LinkStream.DOWNSTREAM,
            (p, name, dir) -> p.toxics().slowClose(name, dir, delay.toMillis()));
    }

    private InjectedFault toxics(String type, String proxy, LinkStream direction, ToxicAdder adder) {
        Proxy p = existing(proxy);
        List<ToxicDirection> directions = toxicDirections(direction);
        FaultRecorder.Plan plan = recorder.plan(type, "proxy " + proxy,
            id -> new NetworkRecipes.RemoveToxics(apiUrl, proxy, directions.stream().map(d -> toxicName(id, d)).toList(),
                InProcessServers.holderOf(apiUrl)));
        return recorder.inject(plan, refine -> {
            String what = "POST /proxies/" + proxy + "/toxics";
            if (directions.size() == 1) {
                call(what, () -> adder.add(p, toxicName(plan.id(), directions.get(0)), directions.get(0)));
                return;
            }
            // both directions at once: each call returns only when every live connection applied the toxic, which
            // on a busy machine is tens of milliseconds (the heal removes whichever did apply if one fails)
            List<CompletableFuture<Void>> adding = directions.stream().map(d -> CompletableFuture.runAsync(() -> {
                try {
                    call(what, () -> adder.add(p, toxicName(plan.id(), d), d));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, r -> {
                Thread t = new Thread(r, "add-toxic");
                t.setDaemon(true);
                t.start();
            })).toList();
            try {
                CompletableFuture.allOf(adding.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    /** Which way through a proxy a toxic acts: toward the upstream server, back to the client, or both. */
    private static List<ToxicDirection> toxicDirections(LinkStream stream) {
        return switch (stream) {
            case UPSTREAM -> List.of(ToxicDirection.UPSTREAM);
            case DOWNSTREAM -> List.of(ToxicDirection.DOWNSTREAM);
            case BOTH -> List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
        };
    }

    static String toxicName(String faultId, ToxicDirection direction) {
        return "chaos-" + faultId + (direction == ToxicDirection.UPSTREAM ? "-up" : "-down");
    }

    private Proxy existing(String proxy) {
        Objects.requireNonNull(proxy, "proxy");
        try {
            // one proxy, not the whole list: this is on the way to every fault
            return call("GET /proxies/" + proxy, () -> client.getProxy(proxy));
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            // missing, or the server is not there: the whole list tells which, and what there is
        }
        List<Proxy> proxies;
        try {
            proxies = call("GET /proxies", client::getProxies);
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            throw new IllegalStateException("Toxiproxy API at [" + apiUrl + "] is not reachable (" + e.getMessage()
                + "); start it (./chaos proxy-server) or pass its URL with --toxiproxy", e);
        }
        return proxies.stream().filter(p -> p.getName().equals(proxy)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("no proxy [" + proxy + "] at [" + apiUrl + "]; known proxies: "
                + proxies.stream().map(Proxy::getName).sorted().toList()));
    }

    private static void requireNonNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " [" + d + "] is negative");
        }
    }

    /** A call to the API, given up after the timeout. */
    private <T> T call(String what, ControlCalls.Call<T> call) throws IOException {
        return ControlCalls.within(timeout, SERVER, apiUrl, what, call);
    }

    @FunctionalInterface
    private interface ToxicAdder {
        Object add(Proxy proxy, String name, ToxicDirection direction) throws IOException;
    }
}
