package io.exchangechaos.stack.discovery;

import io.exchangechaos.stack.common.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Resolves engine names through the DNS server named in configuration, never the JVM's global resolver.
 *
 * <p>Hardened (cached): answers are kept for their TTL; an expired answer is served while a refresh runs in the
 * background (stale-while-revalidate), and kept when the refresh fails (stale-on-error) — the lesson of
 * 2025-10-20, when an empty DynamoDB record took down everyone who trusted the latest answer. Uncached (the
 * {@code no-dns-cache} weakness): every call asks DNS and fails when DNS fails.
 */
public final class EngineResolver {
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SimpleResolver resolver;
    private final boolean cached;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dns-refresh");
        t.setDaemon(true);
        return t;
    });

    public EngineResolver(HostPort dnsServer, boolean cached, Duration timeout) {
        try {
            this.resolver = new SimpleResolver(InetAddress.getByName(dnsServer.host()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS server [" + dnsServer + "] is not an address", e);
        }
        resolver.setPort(dnsServer.port());
        resolver.setTimeout(timeout);
        this.cached = cached;
        this.clock = Clock.systemUTC();
    }

    /**
     * Hardened: looks every name up once in the background, so stale-on-error has an answer to serve for each engine
     * even if DNS fails before the first order went to it; a name that fails here is looked up on first use, as
     * before. Uncached: nothing to keep, so nothing is asked.
     *
     * @return completes when every name was tried
     */
    public CompletableFuture<Void> prime(Collection<String> names) {
        if (!cached) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            for (String name : names) {
                if (ADDRESS_LITERAL.matcher(name).matches() || cache.containsKey(name)) {
                    continue;
                }
                try {
                    cache.putIfAbsent(name, lookup(name));
                } catch (UnknownHostException ignored) {
                    // looked up again on first use
                }
            }
        }, refresher);
    }

    public List<InetAddress> resolve(String name) throws UnknownHostException {
        if (ADDRESS_LITERAL.matcher(name).matches()) {
            // an address literal needs no lookup
            return List.of(InetAddress.getByName(name));
        }
        if (!cached) {
            return lookup(name).addresses();
        }
        Entry e = cache.get(name);
        Instant now = clock.instant();
        if (e == null) {
            Entry fresh = lookup(name);
            cache.put(name, fresh);
            return fresh.addresses();
        }
        if (now.isAfter(e.expiresAt()) && e.startRefresh()) {
            refresher.execute(() -> refresh(name, e));
        }
        return e.addresses();
    }

    private void refresh(String name, Entry stale) {
        try {
            cache.put(name, lookup(name));
        } catch (UnknownHostException ex) {
            // keep the last known good addresses; ask again a little later
            cache.put(name, new Entry(stale.addresses(), clock.instant().plus(RETRY_AFTER_FAILURE)));
        }
    }

    private Entry lookup(String name) throws UnknownHostException {
        Message response;
        try {
            Name fqdn = Name.fromString(name.endsWith(".") ? name : name + ".");
            response = resolver.send(Message.newQuery(Record.newRecord(fqdn, Type.A, DClass.IN)));
        } catch (java.io.IOException ex) {
            throw (UnknownHostException) new UnknownHostException(name + ": DNS did not answer (" + ex.getMessage() + ")").initCause(ex);
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            throw new UnknownHostException(name + ": DNS answered " + Rcode.string(rcode));
        }
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) {
                addresses.add(a.getAddress());
                ttl = Math.min(ttl, a.getTTL());
            }
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(name + ": DNS answered NOERROR with no addresses");
        }
        return new Entry(List.copyOf(addresses), clock.instant().plusSeconds(ttl));
    }

    private static final class Entry {
        private final List<InetAddress> addresses;
        private final Instant expiresAt;
        private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

        Entry(List<InetAddress> addresses, Instant expiresAt) {
            this.addresses = addresses;
            this.expiresAt = expiresAt;
        }

        List<InetAddress> addresses() {
            return addresses;
        }

        Instant expiresAt() {
            return expiresAt;
        }

        /** One refresh per expired entry, however many requests see it expired. */
        boolean startRefresh() {
            return refreshing.compareAndSet(false, true);
        }
    }
}
