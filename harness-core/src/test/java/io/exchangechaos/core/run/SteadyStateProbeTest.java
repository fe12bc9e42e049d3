package io.exchangechaos.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.scenario.SteadyState;
import io.exchangechaos.core.verdict.RunOutcome;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The steady-state probe against a real HTTP entrypoint that starts acknowledging orders when told to. */
class SteadyStateProbeTest {
    private HttpServer server;
    private volatile boolean acknowledging;

    private URI entrypoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = (acknowledging ? "{\"order\":{\"status\":\"OPEN\"}}" : "{\"error\":\"no leader\"}")
                .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(acknowledging ? 200 : 503, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void onServingRunsOnceWhenTheFirstSecondIsAcknowledgedBeforeTheHoldIsOver() throws Exception {
        SteadyStateProbe probe = new SteadyStateProbe(Adapters.named(Adapters.DEFAULT), List.of(entrypoint()));
        AtomicInteger calls = new AtomicInteger();
        AtomicLong calledAt = new AtomicLong();
        long start = System.nanoTime();
        Thread later = new Thread(() -> {
            sleep(1_500);
            acknowledging = true;
        });
        later.setDaemon(true);
        later.start();

        RunOutcome.SteadyStateResult r = probe.await(new SteadyState(Duration.ofSeconds(15), Duration.ofSeconds(3), 0.0),
            "ss-test", 20, false, () -> false, () -> {
                calls.incrementAndGet();
                calledAt.set(System.nanoTime());
            });
        long returnedAt = System.nanoTime();

        assertThat(r.held()).as(r.detail()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat((calledAt.get() - start) / 1e9).as("seconds to the first acknowledged second").isGreaterThan(1.5);
        assertThat((returnedAt - calledAt.get()) / 1e9).as("seconds the hold went on after it").isGreaterThan(1.5);
    }

    @Test
    void onServingNeverRunsWhenNothingIsAcknowledged() throws Exception {
        SteadyStateProbe probe = new SteadyStateProbe(Adapters.named(Adapters.DEFAULT), List.of(entrypoint()));
        AtomicInteger calls = new AtomicInteger();

        RunOutcome.SteadyStateResult r = probe.await(new SteadyState(Duration.ofSeconds(3), Duration.ofSeconds(1), 0.0),
            "ss-test", 20, false, () -> false, calls::incrementAndGet);

        assertThat(r.held()).isFalse();
        assertThat(calls).hasValue(0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
