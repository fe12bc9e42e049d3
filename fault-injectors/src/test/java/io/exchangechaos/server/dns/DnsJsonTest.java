package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsJsonTest {

    @Test
    void recordsFaultsCountsAndStatusRoundTrip() {
        ZoneRecord record = ZoneRecord.of("engine.r1.exchange.test", Duration.ofSeconds(5), "127.0.1.21", "127.0.1.22");
        ActiveDnsFault latency = new ActiveDnsFault("dns-3", FaultSpec.latency("engine.*.exchange.test", Duration.ofMillis(250)),
                Instant.parse("2025-10-20T06:48:00Z"));
        ActiveDnsFault wrong = new ActiveDnsFault("dns-4", FaultSpec.wrongAddress("engine.r1.exchange.test", "127.0.0.254"),
                Instant.parse("2025-10-20T06:48:01Z"));
        QueryCounts counts = new QueryCounts(Map.of("engine.r1.exchange.test", Map.of(QueryOutcome.ANSWER, 3L)),
                Map.of("dns-3", 2L));
        DnsServerStatus status = new DnsServerStatus("exchange.test", "127.0.0.1:5353", "127.0.0.1:5353", null,
                Instant.parse("2025-10-20T06:00:00Z"), 1, 10, 0);

        assertThat(DnsJson.record(DnsJson.record(record))).isEqualTo(record);
        assertThat(DnsJson.fault(DnsJson.fault(latency))).isEqualTo(latency);
        assertThat(DnsJson.fault(DnsJson.fault(wrong))).isEqualTo(wrong);
        assertThat(DnsJson.counts(DnsJson.counts(counts))).isEqualTo(counts);
        assertThat(DnsJson.status(DnsJson.status(status))).isEqualTo(status);
    }

    @Test
    void spellsDurationsWithTheirUnit() {
        assertThat(DnsJson.fault(new ActiveDnsFault("dns-3", FaultSpec.latency("a.exchange.test", Duration.ofMillis(250)),
                Instant.parse("2025-10-20T06:48:00Z"))).toString())
                .isEqualTo("{\"id\":\"dns-3\",\"pattern\":\"a.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":250,"
                        + "\"activatedAt\":\"2025-10-20T06:48:00Z\"}");
        assertThat(DnsJson.record(ZoneRecord.of("a.exchange.test", Duration.ofSeconds(5), "127.0.1.21")).toString())
                .isEqualTo("{\"name\":\"a.exchange.test\",\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5}");
    }

    @Test
    void errorsCarryEveryProblem() {
        assertThat(DnsJson.error(400, List.of("one")).toString()).isEqualTo("{\"error\":\"one\",\"status\":400}");
        assertThat(DnsJson.error(400, List.of("one", "two")).toString())
                .isEqualTo("{\"error\":\"one\\ntwo\",\"status\":400,\"problems\":[\"one\",\"two\"]}");
    }
}
