package io.exchangechaos.server.dns;

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

/** Clients that stop half-way through a request head do not stall the control API: on the JDK's server, two did. */
class ControlApiSlowClientsIT {
    private static final Duration IDLE = Duration.ofSeconds(2);

    @Test
    void answersWhile32ClientsSitOnHalfSentHeadsAndClosesThemAfterTheIdleTimeout() throws Exception {
        try (DnsFaultServer dns = DnsFaultServer.start(DnsServerConfig.forZone("slow.test").withoutControlApi());
             ControlApi api = ControlApi.start(new InetSocketAddress("127.0.0.1", 0), dns,
                 JettyServers.Limits.CONTROL.withIdleTimeout(IDLE))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + DnsNames.hostPort(api.address()) + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            try (SlowClients slow = SlowClients.open(api.address(), 32)) {
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                    long millis = (System.nanoTime() - start) / 1_000_000;

                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(millis).as("GET /health with 32 half-sent heads open, ms").isLessThan(500);
                }

                Duration closed = slow.awaitAllClosed(IDLE.multipliedBy(4));
                assertThat(closed).as("every half-sent head closed after the %s idle timeout", IDLE).isNotNull()
                    .isGreaterThanOrEqualTo(IDLE.minusMillis(500));
            }
        }
    }
}
