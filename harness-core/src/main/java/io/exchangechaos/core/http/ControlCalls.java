package io.exchangechaos.core.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every call the harness makes to a server it drives (a Toxiproxy API, the DNS control API, WireMock's admin API, a
 * config service) ends within a bound, so a fault is applied on time or reported as not applied, never hung. Clients
 * with timeouts of their own get {@link #DEFAULT}; {@code toxiproxy-java} has none (its {@code HttpURLConnection} waits
 * forever), so its calls run here, on a thread of their own, and are given up after the bound.
 */
public final class ControlCalls {
    /**
     * A control call answers in milliseconds, tens of them on a loaded machine; a server that has not answered in five
     * seconds is taken for hung.
     */
    public static final Duration DEFAULT = Duration.ofSeconds(5);

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Unbounded but idle-reaped: a thread stays only while a hung server holds its call. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "control-call-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private ControlCalls() {
    }

    /** A call that may throw an {@link IOException}, as a client's calls do. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code call} and waits at most {@code timeout} for it.
     *
     * @param server names the server in the error, e.g. {@code Toxiproxy API}
     * @param url    the server's URL
     * @param what   the request, e.g. {@code POST /proxies/db/toxics}
     * @throws IOException the call's own, or {@link #timedOut} after {@code timeout}
     */
    public static <T> T within(Duration timeout, String server, String url, String what, Call<T> call) throws IOException {
        Future<T> result = CALLS.submit(call::call);
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the client cannot be interrupted in a socket read; its thread ends when the server answers or closes
            result.cancel(true);
            throw timedOut(server, url, what, timeout, e);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for " + server
                + " at [" + url + "] to answer " + what);
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** As {@link #within}, for a call that answers nothing. */
    public static void run(Duration timeout, String server, String url, String what, Call<?> call) throws IOException {
        within(timeout, server, url, what, call);
    }

    /** The error of a call given up after {@code timeout}: which server, which URL, which request, that it timed out. */
    public static IOException timedOut(String server, String url, String what, Duration timeout, Throwable cause) {
        return new IOException(server + " at [" + url + "] did not answer " + what + " within " + timeout.toMillis()
            + " ms (timed out); check that it runs and is not hung", cause);
    }

    /** True when {@code e} (or a cause) is a client's timeout: the JDK HTTP client's, or a socket read's. */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
