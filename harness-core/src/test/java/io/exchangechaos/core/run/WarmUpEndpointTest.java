package io.exchangechaos.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load's stand-in and canary: clients stuck half-way through a request head do not stall it. */
class WarmUpEndpointTest {

    @Test
    void acknowledgesOrdersWhile16ClientsSitOnHalfSentHeads() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (WarmUpEndpoint endpoint = WarmUpEndpoint.start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest order = HttpRequest.newBuilder(endpoint.uri().resolve("/orders")).timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientOrderId\":\"w-1\"}")).build();
            assertThat(http.send(order, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket(endpoint.uri().getHost(), endpoint.uri().getPort());
                slow.add(socket);
                socket.getOutputStream().write("POST /orders HTTP/1.1\r\nHost: slow\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }

            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> ack = http.send(order, HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(ack.statusCode()).isEqualTo(200);
                assertThat(ack.body()).isEqualTo("{\"status\":\"ACCEPTED\",\"order\":{\"status\":\"NEW\"}}");
                assertThat(millis).as("an order with 16 half-sent heads open, ms").isLessThan(500);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }
}
