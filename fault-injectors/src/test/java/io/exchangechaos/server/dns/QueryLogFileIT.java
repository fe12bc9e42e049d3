package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLogFileIT {

    @Test
    void everyQueryIsAppendedToTheJsonlFileAsItHappens(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dns-queries.jsonl");
        try (DnsFaultServer server = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test").withoutControlApi()
                .withRecord("engine.r1.exchange.test", "127.0.1.21").withQueryLogFile(file))) {
            FaultHandle fault = server.inject(FaultSpec.servfail("engine.r1.exchange.test"));
            Lookup.a(server, Transport.UDP, "engine.r1.exchange.test");
            fault.close();
            Lookup.a(server, Transport.TCP, "engine.r1.exchange.test");

            // Read while the server runs: a crashed run must still leave its evidence.
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Files.readAllLines(file)).hasSize(2));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                lines.add(DnsJson.MAPPER.readTree(line));
            }
            assertThat(lines.get(0).get("outcome").asText()).isEqualTo("SERVFAIL");
            assertThat(lines.get(0).get("faultId").asText()).isEqualTo(fault.id());
            assertThat(lines.get(0).get("transport").asText()).isEqualTo("UDP");
            assertThat(lines.get(1).get("outcome").asText()).isEqualTo("ANSWER");
            assertThat(lines.get(1).get("addresses").get(0).asText()).isEqualTo("127.0.1.21");
            assertThat(lines.get(1).get("client").asText()).startsWith("127.0.0.1:");
        }
    }
}
