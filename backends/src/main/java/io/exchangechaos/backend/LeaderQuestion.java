package io.exchangechaos.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who leads the engines, asked of every engine at once: the first to say {@code "role":"LEADER"} on its health
 * endpoint answers. Asking them one after another cost one round trip per engine before the leader on a loaded
 * machine, and a whole timeout for each frozen engine before it — and a fault aimed at the leader waits for this
 * answer before it can take effect.
 */
public final class LeaderQuestion {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LeaderQuestion() {
    }

    /**
     * @param health  each engine service's health endpoint, by service name
     * @param timeout how long an engine may take to answer; one that does not is not the leader we can talk to
     * @return the leading engine's service name, or empty when none that answered leads
     */
    public static Optional<String> ask(HttpClient http, Map<String, URI> health, Duration timeout) {
        if (health.isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(health.size());
        health.forEach((service, uri) -> http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .whenComplete((response, error) -> {
                if (error == null && leads(response.body())) {
                    answer.complete(Optional.of(service));
                }
                if (pending.decrementAndGet() == 0) {
                    answer.complete(Optional.empty());
                }
            }));
        try {
            return answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private static boolean leads(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return "LEADER".equals(n.path("role").asText());
        } catch (Exception e) {
            return false;
        }
    }
}
