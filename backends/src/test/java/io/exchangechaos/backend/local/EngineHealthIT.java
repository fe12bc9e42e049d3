package io.exchangechaos.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The staged exchange's engines say where their Raft logs stand, on the real multi-region stack: what a run samples
 * to show a replica that stops catching up (the docker backend writes it to {@code logs/engine-roles.jsonl}).
 */
class EngineHealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode health(URI replica) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(replica.resolve("/health")).timeout(Duration.ofSeconds(5))
            .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void everyEngineSaysWhereItsLogStandsAndTheLeaderWhereEachFollowerIs() throws Exception {
        Path run = Files.createDirectories(Path.of("target", "engine-health-it"));
        FaultRecorder recorder = FaultRecorder.using(new FaultLedger(run.resolve("ledger.jsonl")));
        try (LocalStack stack = LocalStack.start(Topologies.load(TopologyRef.of("multi-region")), Weakness.NONE, run,
                recorder, LocalStack.Options.defaults())) {
            String order = "{\"account\":4,\"clientOrderId\":\"raft-1\",\"symbol\":\"BTC-USD\",\"side\":\"BUY\","
                + "\"type\":\"LIMIT\",\"price\":49000,\"quantity\":1}";
            HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(stack.entrypoints().get(0).resolve("/orders"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(order)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<JsonNode> all = new ArrayList<>();
                for (URI replica : stack.replicas()) {
                    all.add(health(replica));
                }
                JsonNode leader = all.stream().filter(h -> h.path("role").asText().equals("LEADER")).findFirst()
                    .orElseThrow();
                long commit = leader.path("raft").path("commitIndex").asLong();
                assertThat(commit).isPositive().isGreaterThanOrEqualTo(leader.path("appliedIndex").asLong());
                assertThat(leader.path("raft").path("lastEntry").asText()).matches("\\d+:" + commit);
                assertThat(leader.path("raft").path("followers")).hasSize(2)
                    .allSatisfy(f -> assertThat(f.asText()).isEqualTo("next " + (commit + 1) + " match " + commit));
                assertThat(all).hasSize(3).allSatisfy(h -> {
                    assertThat(h.path("raft").path("commitIndex").asLong()).isEqualTo(commit);
                    assertThat(h.path("raft").path("commitInfos").size()).isEqualTo(3);
                });
                assertThat(all).filteredOn(h -> !h.path("role").asText().equals("LEADER"))
                    .allSatisfy(h -> assertThat(h.path("raft").has("followers")).isFalse());
            });
        }
    }
}
