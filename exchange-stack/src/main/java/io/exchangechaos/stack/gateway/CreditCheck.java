package io.exchangechaos.stack.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pre-trade credit check on the order path. Hardened: a 200 ms timeout and a circuit breaker, and when the
 * service is unavailable small orders go through and large ones are rejected (the fallback). Without the
 * timeout (the {@code no-dependency-timeout} weakness), an order waits as long as the dependency does.
 */
final class CreditCheck {
    static final Duration TIMEOUT = Duration.ofMillis(200);

    enum Decision { APPROVED, DECLINED, UNAVAILABLE }

    private final URI uri;
    private final boolean guarded;
    private final HttpClient http;
    private final CircuitBreaker breaker;

    CreditCheck(String baseUrl, boolean guarded) {
        this.uri = URI.create(baseUrl + "/credit-check");
        this.guarded = guarded;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "credit-client");
                t.setDaemon(true);
                return t;
            }))
            .build();
        this.breaker = CircuitBreaker.of("credit-check", CircuitBreakerConfig.custom()
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .slowCallDurationThreshold(Duration.ofMillis(150))
            .slowCallRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(2))
            .permittedNumberOfCallsInHalfOpenState(3)
            .build());
    }

    String state() {
        return guarded ? breaker.getState().name() : "UNGUARDED";
    }

    CompletableFuture<Decision> check(long account, long notional) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"account\":" + account + ",\"notional\":" + notional + "}"));
        if (!guarded) {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> e == null ? decide(r) : Decision.UNAVAILABLE);
        }
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(Decision.UNAVAILABLE);
        }
        long start = System.nanoTime();
        return http.sendAsync(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
            .handle((r, e) -> {
                long took = System.nanoTime() - start;
                Decision d = e == null ? decide(r) : Decision.UNAVAILABLE;
                if (d == Decision.UNAVAILABLE) {
                    breaker.onError(took, TimeUnit.NANOSECONDS, e != null ? e : new IllegalStateException("status " + r.statusCode()));
                } else {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                }
                return d;
            });
    }

    private static Decision decide(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            return Decision.UNAVAILABLE;
        }
        String body = r.body();
        if (body.contains("\"approved\":true") || body.contains("\"approved\": true")) {
            return Decision.APPROVED;
        }
        return body.contains("\"approved\"") ? Decision.DECLINED : Decision.UNAVAILABLE;
    }
}
