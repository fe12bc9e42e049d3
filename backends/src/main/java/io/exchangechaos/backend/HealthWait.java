package io.exchangechaos.backend;

import io.exchangechaos.core.backend.StackStartException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Waits for services started on this machine to answer 200 on their health URLs, all at once, and fails as soon as
 * one of them exits (naming its log) or when the time is up (naming those not healthy). Containers are waited for
 * with Testcontainers' wait strategies instead.
 */
public final class HealthWait {
    private static final Duration POLL = Duration.ofMillis(200);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /**
     * A service being waited for.
     *
     * @param alive whether its process still runs
     * @param log   where its output goes, for the message when it exits
     */
    public record Service(String name, URI health, BooleanSupplier alive, Path log) {
    }

    /**
     * Returns once every service answers its health URL with 200.
     *
     * @param logs where the services' logs are, for the message when time is up
     * @throws StackStartException when one exits, or some are not healthy within {@code timeout}
     */
    public void await(List<Service> services, Duration timeout, Path logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Service> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(s -> healthy(s.health()));
            for (Service s : waiting) {
                if (!s.alive().getAsBoolean()) {
                    throw new StackStartException("service [" + s.name() + "] exited during start; see " + s.log());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackStartException("services " + waiting.stream().map(Service::name).toList()
                    + " not healthy within " + timeout.toSeconds() + "s (health URLs "
                    + waiting.stream().map(s -> s.health().toString()).toList() + "); see their logs in " + logs);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for the stack");
            }
        }
    }

    /** Whether {@code health} answers 200 now. */
    public boolean healthy(URI health) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
