package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.http.JettyServers;
import io.exchangechaos.fault.SlowClients;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop half-way through a request head do not stall the Toxiproxy API: on the JDK's server, eight of them
 * held its eight threads and every fault of a run waited behind them.
 */
class ApiSlowClientsIT {
    private static final Duration IDLE = Duration.ofSeconds(2);

    @Test
    void answers_while_32_clients_sit_on_half_sent_heads_and_closes_theirs_after_the_idle_timeout() throws Exception {
        try (ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0, JettyServers.Limits.CONTROL.withIdleTimeout(IDLE))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest list = HttpRequest.newBuilder(URI.create(server.apiUrl() + "/proxies")).timeout(Duration.ofSeconds(2)).build();
            assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            try (SlowClients slow = SlowClients.open(new InetSocketAddress(server.host(), server.port()), 32)) {
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(list, HttpResponse.BodyHandlers.ofString());
                    long millis = (System.nanoTime() - start) / 1_000_000;

                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(millis).as("GET /proxies with 32 half-sent heads open, ms").isLessThan(500);
                }

                Duration closed = slow.awaitAllClosed(IDLE.multipliedBy(4));
                assertThat(closed).as("every half-sent head closed after the %s idle timeout", IDLE).isNotNull()
                    .isGreaterThanOrEqualTo(IDLE.minusMillis(500));
            }
        }
    }
}
