package io.exchangechaos.server;

import io.exchangechaos.core.ledger.ProcStat;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control APIs this JVM serves itself: the embedded Toxiproxy-compatible server and the DNS fault server. A
 * fault set through one of them lives in this process's memory and dies with it; injectors write that into the
 * recipe ({@link #holderOf}), so a cleanup after a {@code kill -9} knows the fault is gone instead of failing for
 * ever on an API nobody serves any more.
 */
public final class InProcessServers {
    private static final Set<String> SERVED = ConcurrentHashMap.newKeySet();

    private InProcessServers() {
    }

    /** Called by a server once its API listens at {@code url}. */
    public static void register(String url) {
        SERVED.add(key(url));
    }

    /** Called by a server when it stops. */
    public static void unregister(String url) {
        SERVED.remove(key(url));
    }

    /**
     * {@code pid:startTicks} of this JVM when it serves {@code url} itself, else null (an external server: a fault
     * there outlives this process).
     */
    public static String holderOf(String url) {
        return SERVED.contains(key(url)) ? self() : null;
    }

    /** Whether the process named by {@code holder} ({@code pid:startTicks}) is gone; false for null or unreadable. */
    public static boolean holderGone(String holder) {
        if (holder == null || !holder.contains(":")) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, holder.indexOf(':')));
            long ticks = Long.parseLong(holder.substring(holder.indexOf(':') + 1));
            return !ProcStat.isAlive(pid, ticks);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The pid of a {@code pid:startTicks} holder, for messages. */
    public static String pidOf(String holder) {
        return holder == null ? "?" : holder.substring(0, Math.max(0, holder.indexOf(':')));
    }

    private static String self() {
        long pid = ProcessHandle.current().pid();
        return pid + ":" + ProcStat.startTicks(pid).orElse(0);
    }

    private static String key(String url) {
        URI uri = URI.create(url.trim());
        return (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + uri.getPort();
    }
}
