package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLogTest {

    private static final Instant T0 = Instant.parse("2025-10-20T06:48:00Z");

    private static QueryLogEntry entry(int second, String name, QueryOutcome outcome, String faultId) {
        return new QueryLogEntry(T0.plusSeconds(second), "127.0.0.1:5000", Transport.UDP, name, "A", outcome,
                outcome == QueryOutcome.ANSWER ? List.of("127.0.1.21") : List.of(), Duration.ZERO, faultId,
                faultId == null ? null : FaultMode.NXDOMAIN);
    }

    @Test
    void keepsOnlyTheLastEntriesButCountsEveryQuery() throws IOException {
        try (QueryLog log = new QueryLog(3, null)) {
            for (int i = 0; i < 5; i++) {
                log.record(entry(i, "engine.r1.exchange.test", i < 2 ? QueryOutcome.ANSWER : QueryOutcome.NXDOMAIN,
                        i < 2 ? null : "dns-1"));
            }

            assertThat(log.entries(QueryFilter.all())).extracting(QueryLogEntry::time)
                    .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
            QueryCounts counts = log.counts();
            assertThat(counts.count("engine.r1.exchange.test", QueryOutcome.ANSWER)).isEqualTo(2);
            assertThat(counts.count("engine.r1.exchange.test", QueryOutcome.NXDOMAIN)).isEqualTo(3);
            assertThat(counts.total("engine.r1.exchange.test")).isEqualTo(5);
            assertThat(counts.countForFault("dns-1")).isEqualTo(3);
            assertThat(log.total()).isEqualTo(5);
        }
    }

    @Test
    void filtersByNameSinceAndLimit() throws IOException {
        try (QueryLog log = new QueryLog(100, null)) {
            log.record(entry(0, "engine.r1.exchange.test", QueryOutcome.ANSWER, null));
            log.record(entry(1, "engine.r2.exchange.test", QueryOutcome.ANSWER, null));
            log.record(entry(2, "engine.r1.exchange.test", QueryOutcome.ANSWER, null));
            log.record(entry(3, "engine.r1.exchange.test", QueryOutcome.ANSWER, null));

            assertThat(log.entries(QueryFilter.all().forName("ENGINE.R1.exchange.test.")))
                    .extracting(QueryLogEntry::time).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(3));
            assertThat(log.entries(QueryFilter.all().since(T0.plusSeconds(1)))).hasSize(3);
            assertThat(log.entries(QueryFilter.all().forName("engine.r1.exchange.test").limit(1)))
                    .extracting(QueryLogEntry::time).containsExactly(T0.plusSeconds(3));
        }
    }

    @Test
    void appendsEachQueryAsOneJsonLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("runs/dns.jsonl");
        QueryLogEntry dropped = new QueryLogEntry(T0, "127.0.0.1:5000", Transport.TCP, "engine.r1.exchange.test", "A",
                QueryOutcome.DROPPED, List.of(), Duration.ZERO, "dns-7", FaultMode.DROP);
        try (QueryLog log = new QueryLog(10, file)) {
            log.record(entry(0, "engine.r1.exchange.test", QueryOutcome.ANSWER, null));
            log.record(dropped);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("{\"time\":\"2025-10-20T06:48:00Z\",\"client\":\"127.0.0.1:5000\","
                + "\"transport\":\"TCP\",\"name\":\"engine.r1.exchange.test\",\"type\":\"A\",\"outcome\":\"DROPPED\","
                + "\"rcode\":null,\"addresses\":[],\"delayMs\":0,\"faultId\":\"dns-7\",\"faultMode\":\"DROP\"}");
        assertThat(DnsJson.entry(DnsJson.MAPPER.readTree(lines.get(1)))).isEqualTo(dropped);
    }
}
