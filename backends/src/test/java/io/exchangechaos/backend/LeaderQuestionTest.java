package io.exchangechaos.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real HTTP servers standing in for engines' health endpoints, one of them hung. */
class LeaderQuestionTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
    }

    private URI engine(String role) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/health", x -> {
            if (role == null) {
                try {
                    release.await();  // hung: a frozen engine holds the connection and never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    @Test
    void theLeaderAnswersWithoutWaitingForAHungEngineAskedBeforeIt() throws Exception {
        Map<String, URI> health = new LinkedHashMap<>();
        health.put("engine-r1", engine(null));
        health.put("engine-r2", engine("FOLLOWER"));
        health.put("engine-r3", engine("LEADER"));

        long start = System.nanoTime();
        Optional<String> leader = LeaderQuestion.ask(http, health, PATIENCE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(leader).contains("engine-r3");
        assertThat(took).as("asked one after another, the hung engine would have cost its whole %s", PATIENCE)
            .isLessThan(PATIENCE.dividedBy(2));
    }

    @Test
    void noLeaderWhenEveryEngineThatAnswersFollows() throws Exception {
        Map<String, URI> health = new LinkedHashMap<>();
        health.put("engine-r1", engine("FOLLOWER"));
        health.put("engine-r2", engine("CANDIDATE"));
        health.put("engine-r3", URI.create("http://127.0.0.1:1/health"));  // down: refused

        assertThat(LeaderQuestion.ask(http, health, PATIENCE)).isEmpty();
    }
}
