package io.exchangechaos.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineRouterTest {
    private final EngineRouter router = new EngineRouter(List.of(
        EngineRouter.Endpoint.parse("engine.r1.exchange.test:9090"),
        EngineRouter.Endpoint.parse("engine.r2.exchange.test:9090"),
        EngineRouter.Endpoint.parse("engine.r3.exchange.test:9090")), null, ForkJoinPool.commonPool());
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
        serverThreads.shutdownNow();
    }

    @Test
    void aFollowersAnswerNamesTheLeaderToTryNext() {
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"status\":503,\"leader\":\"r3\"}")).isEqualTo(2);
        assertThat(router.hintedLeader("{\"leader\" : \"r1\"}")).isZero();
    }

    @Test
    void noUsableHintLeavesTheRoundRobin() {
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"status\":503}")).isEqualTo(-1);
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"leader\":\"r9\"}")).isEqualTo(-1);
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"leader\":\"exchange\"}")).isEqualTo(-1);
        assertThat(router.hintedLeader(null)).isEqualTo(-1);
    }

    /**
     * A leader whose one answer came too late (a starved JVM) is not passed over for the whole suspicion while the
     * followers still name it: once the suspicion is older than an election would take, their word counts.
     */
    @Test
    void aLeaderThatWasSlowOnceIsTriedAgainAsSoonAsTheFollowersStillNameIt() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        AtomicInteger leaderCalls = new AtomicInteger();
        AtomicInteger followerCalls = new AtomicInteger();
        int leader = serve(exchange -> {
            if (leaderCalls.incrementAndGet() == 2) {
                firstHeld.countDown();
                sleep(2_400);  // far longer than one attempt may take
            }
            answer(exchange, 200, "{\"status\":\"ACCEPTED\"}");
        });
        int follower2 = serve(exchange -> {
            followerCalls.incrementAndGet();
            answer(exchange, 503, "{\"error\":\"not leader\",\"leader\":\"r1\"}");
        });
        int follower3 = serve(exchange -> {
            followerCalls.incrementAndGet();
            answer(exchange, 503, "{\"error\":\"not leader\",\"leader\":\"r1\"}");
        });
        EngineRouter routed = new EngineRouter(List.of(
            EngineRouter.Endpoint.parse("engine.r1.exchange.test:" + leader),
            EngineRouter.Endpoint.parse("engine.r2.exchange.test:" + follower2),
            EngineRouter.Endpoint.parse("engine.r3.exchange.test:" + follower3)),
            name -> List.of(InetAddress.getLoopbackAddress()), ForkJoinPool.commonPool());

        EngineRouter.Reply warm = routed.post("/orders", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))
            .get(10, TimeUnit.SECONDS);
        assertThat(warm.status()).as(warm.error()).isEqualTo(200);
        // the attempt times out after 1.2 s and the suspicion lasts 3 s: a router that waited it out could not
        // answer within 4 s; one that believes the followers after 1.5 s answers after about 2.8 s
        long started = System.nanoTime();
        EngineRouter.Reply first = routed.post("/orders", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(4_000))
            .get(10, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(firstHeld.await(0, TimeUnit.SECONDS)).isTrue();
        EngineRouter.Reply second = routed.post("/orders", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(4_000))
            .get(10, TimeUnit.SECONDS);

        assertThat(first.status()).as(first.error()).isEqualTo(200);
        assertThat(first.maybeCommitted()).as("the attempt that timed out may have been committed").isTrue();
        assertThat(second.status()).as(second.error()).isEqualTo(200);
        assertThat(tookMillis).as("not before the followers' word outweighs the suspicion")
            .isGreaterThanOrEqualTo(EngineRouter.HINT_OUTWEIGHS_SUSPICION_AFTER.toMillis());
        assertThat(leaderCalls.get()).as("the first order, the attempt that timed out, the retry, the next order").isEqualTo(4);
        assertThat(followerCalls.get()).as("the followers were asked while the leader was in doubt").isPositive();
    }

    /** A name DNS cannot answer now is not asked again at once: an empty record must not become a query storm. */
    @Test
    void aNameThatDoesNotResolveIsAskedAgainOnlyAfterAPause() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        EngineRouter routed = new EngineRouter(List.of(
            EngineRouter.Endpoint.parse("engine.r1.exchange.test:9090"),
            EngineRouter.Endpoint.parse("engine.r2.exchange.test:9090"),
            EngineRouter.Endpoint.parse("engine.r3.exchange.test:9090")), name -> {
                lookups.incrementAndGet();
                throw new java.net.UnknownHostException(name + ": DNS answered NOERROR with no addresses");
            }, ForkJoinPool.commonPool());

        EngineRouter.Reply reply = routed.post("/orders", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3))
            .get(10, TimeUnit.SECONDS);

        assertThat(reply.answered()).isFalse();
        assertThat(reply.error()).contains("no addresses");
        // one lookup a second: 3 within the order's 3 s (it was thousands)
        assertThat(lookups.get()).isBetween(2, 4);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private int serve(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
