package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.discovery.EngineResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a command to whichever engine replica leads. Replicas are found by DNS name; a follower answers 503
 * naming the leader it knows, and the router goes there next; a dead or hung one fails or times out, and is then
 * avoided for a few seconds by every request, not only the one that waited on it. The router moves on until the
 * deadline. Retrying is safe because the engine is idempotent on client order id.
 *
 * <p>A follower that still names a suspect replica as leader is believed once the suspicion is older than Raft's
 * election timeout: a follower cut off from a dead leader would have elected another by then, so the suspect was only
 * slow. Otherwise one slow commit on a starved leader would send every order of a gateway through the followers for
 * the whole suspicion. Letting only one request at a time test the suspect was tried and is worse: a new leader busy
 * catching up then served one request at a time while hundreds waited.
 */
final class EngineRouter {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1200);
    private static final Executor BACKOFF = CompletableFuture.delayedExecutor(40, TimeUnit.MILLISECONDS);
    /** While no replica knows a leader worth trying (an election takes about a second): ask again this often. */
    private static final Executor NO_LEADER_YET = CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS);
    private static final Executor NOT_RESOLVED = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    /** How long a replica that timed out or refused the connection is passed over. */
    static final Duration SUSPECT_FOR = Duration.ofSeconds(3);
    /**
     * After this long under suspicion a replica that a follower names as leader is tried again: longer than the
     * longest election timeout {@code EngineNode} sets ({@code Rpc.setTimeoutMax}), after which a follower that lost
     * its leader names a new one.
     */
    static final Duration HINT_OUTWEIGHS_SUSPICION_AFTER = Duration.ofMillis(1500);
    private static final Pattern LEADER_HINT = Pattern.compile("\"leader\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Endpoint> endpoints;
    private final Lookup resolver;
    private final HttpClient http;
    private final AtomicInteger leaderGuess = new AtomicInteger();
    /** Per endpoint, the {@link System#nanoTime()} until which it is passed over; 0 when trusted. */
    private final AtomicLongArray suspectUntil;
    /** Per endpoint, the {@link System#nanoTime()} of the last timeout or refusal that made it suspect. */
    private final AtomicLongArray suspectSince;

    private final Executor work;

    /**
     * @param work where retries, lookups and callers' continuations run: never the HTTP client's own threads,
     *             which must stay free to read responses
     */
    EngineRouter(List<Endpoint> endpoints, Lookup resolver, Executor work) {
        this.endpoints = List.copyOf(endpoints);
        this.suspectUntil = new AtomicLongArray(endpoints.size());
        this.suspectSince = new AtomicLongArray(endpoints.size());
        this.resolver = resolver;
        this.work = work;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            // a small fixed pool: the default spawns a thread per burst, which costs more than the requests
            .executor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "engine-client");
                t.setDaemon(true);
                return t;
            }))
            .build();
    }

    /** Names to addresses: the gateway's {@link EngineResolver}. */
    @FunctionalInterface
    interface Lookup {
        List<InetAddress> resolve(String name) throws java.net.UnknownHostException;
    }

    /** @param name a DNS name such as engine.r1.exchange.test */
    record Endpoint(String name, int port) {
        static Endpoint parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("engine [" + text + "] is not name:port; write it like engine.r1.exchange.test:9090");
            }
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
    }

    /**
     * @param maybeCommitted whether any attempt may have reached a leader, so the outcome is unknown rather than
     *                       failed when no answer came back
     */
    record Reply(int status, String body, boolean maybeCommitted, String error) {
        boolean answered() {
            return status > 0;
        }
    }

    CompletableFuture<Reply> post(String path, byte[] body, Duration budget) {
        return attempt("POST", path, body, System.nanoTime() + budget.toNanos(), 0, false, null);
    }

    CompletableFuture<Reply> get(String path, Duration budget) {
        return attempt("GET", path, null, System.nanoTime() + budget.toNanos(), 0, false, null);
    }

    private CompletableFuture<Reply> attempt(String method, String path, byte[] body, long deadline, int tries,
                                             boolean maybeCommitted, String lastError) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.completedFuture(new Reply(0, null, maybeCommitted,
                "no engine answered within the deadline after " + tries + " attempts; last: " + lastError));
        }
        int guess = trustedGuess();
        int index = Math.floorMod(guess, endpoints.size());
        Endpoint endpoint = endpoints.get(index);
        URI uri;
        try {
            List<InetAddress> addresses = resolver.resolve(endpoint.name());
            InetAddress address = addresses.get(Math.floorMod(tries / endpoints.size(), addresses.size()));
            uri = URI.create("http://" + address.getHostAddress() + ":" + endpoint.port() + path);
        } catch (Exception e) {
            leaderGuess.compareAndSet(guess, guess + 1);
            // a name that does not resolve now will not resolve a microsecond later: every order waiting asked
            // again at once (later every 150 ms), thousands of DNS queries a second per gateway, starving the machine
            return retry(method, path, body, deadline, tries, maybeCommitted, e.getMessage(), NOT_RESOLVED);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofNanos(Math.min(remaining, ATTEMPT_TIMEOUT.toNanos())))
            .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handleAsync((response, error) -> {
            if (error == null && response.statusCode() != 503 && response.statusCode() != 504) {
                suspectUntil.set(index, 0);
                return CompletableFuture.completedFuture(new Reply(response.statusCode(), response.body(), maybeCommitted, null));
            }
            boolean pause = false;
            if (error != null) {
                // timed out or refused: every request passes it over for a while, not only this one
                long now = System.nanoTime();
                suspectSince.set(index, now);
                suspectUntil.set(index, now + SUSPECT_FOR.toNanos());
                leaderGuess.compareAndSet(guess, guess + 1);
            } else {
                suspectUntil.set(index, 0);
                int hinted = response.statusCode() == 503 ? hintedLeader(response.body()) : -1;
                boolean usable = hinted >= 0 && hinted != index && (!suspect(hinted) || believed(hinted));
                if (usable) {
                    suspectUntil.set(hinted, 0);
                }
                leaderGuess.compareAndSet(guess, usable ? hinted : guess + 1);
                // no leader worth trying yet (an election under way, or the named leader is the one that hung):
                // wait instead of bouncing between followers as fast as they answer (hundreds of orders waiting
                // at once made thousands of requests a second and starved the election itself)
                pause = !usable;
            }
            // a 503 is a definite "not here"; a 504 or a timeout may have been committed
            boolean unknown = maybeCommitted || body != null && (error != null || response.statusCode() == 504);
            String why = error != null ? error.getClass().getSimpleName() + " from " + endpoint.name()
                : response.statusCode() + " from " + endpoint.name() + ": " + response.body();
            return retry(method, path, body, deadline, tries, unknown, why, pause ? NO_LEADER_YET : null);
        }, work).thenCompose(f -> f);
    }

    /**
     * The current guess, moved past replicas under suspicion while some replica is not; when every one is suspect
     * the guess stands (something must be tried).
     */
    private int trustedGuess() {
        int guess = leaderGuess.get();
        for (int step = 0; step < endpoints.size(); step++) {
            int candidate = guess + step;
            if (!suspect(Math.floorMod(candidate, endpoints.size()))) {
                if (step > 0) {
                    leaderGuess.compareAndSet(guess, candidate);
                }
                return candidate;
            }
        }
        return guess;
    }

    /** Whether a follower naming this suspect replica as leader is to be believed: see {@link #HINT_OUTWEIGHS_SUSPICION_AFTER}. */
    private boolean believed(int index) {
        return System.nanoTime() - suspectSince.get(index) >= HINT_OUTWEIGHS_SUSPICION_AFTER.toNanos();
    }

    private boolean suspect(int index) {
        long until = suspectUntil.get(index);
        return until != 0 && until - System.nanoTime() > 0;
    }

    /** The index of the endpoint a follower named as leader (an engine's id is a label of its name only), or -1. */
    int hintedLeader(String body) {
        if (body == null) {
            return -1;
        }
        Matcher m = LEADER_HINT.matcher(body);
        if (!m.find()) {
            return -1;
        }
        String id = m.group(1);
        int found = -1;
        for (int i = 0; i < endpoints.size(); i++) {
            if (List.of(endpoints.get(i).name().split("\\.")).contains(id)) {
                if (found >= 0) {
                    return -1;  // a label every name shares (the domain) names no one
                }
                found = i;
            }
        }
        return found;
    }

    private CompletableFuture<Reply> retry(String method, String path, byte[] body, long deadline, int tries,
                                           boolean maybeCommitted, String lastError) {
        return retry(method, path, body, deadline, tries, maybeCommitted, lastError, null);
    }

    private CompletableFuture<Reply> retry(String method, String path, byte[] body, long deadline, int tries,
                                           boolean maybeCommitted, String lastError, Executor pause) {
        int next = tries + 1;
        if (pause != null) {
            return CompletableFuture.supplyAsync(() -> null, pause)
                .thenComposeAsync(x -> attempt(method, path, body, deadline, next, maybeCommitted, lastError), work);
        }
        // after a full round of refusals an election is probably under way: give it a moment
        if (next % endpoints.size() == 0) {
            return CompletableFuture.supplyAsync(() -> null, BACKOFF)
                .thenComposeAsync(x -> attempt(method, path, body, deadline, next, maybeCommitted, lastError), work);
        }
        return attempt(method, path, body, deadline, next, maybeCommitted, lastError);
    }
}
