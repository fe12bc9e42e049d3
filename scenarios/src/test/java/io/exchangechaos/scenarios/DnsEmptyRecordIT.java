package io.exchangechaos.scenarios;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.ScenarioRunner;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The 2025-10-20 DynamoDB record: engine names answer empty, then NXDOMAIN, then SERVFAIL. Gateways that keep the
 * last known good addresses keep trading; gateways without a DNS cache stop.
 */
class DnsEmptyRecordIT {
    private static final String SCENARIO = "dns-empty-record";

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO)
    void staleOnErrorKeepsTradingAndTheQueryLogShowsTheGatewaysSawEveryFault() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "multi-region");

        // not a cache hiding the fault: the gateways asked during each fault and were answered with it
        Map<String, Integer> answers = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(r.runDir().resolve("dns-queries.jsonl"))) {
            JsonNode q = json.readTree(line);
            if (q.path("name").asText().startsWith("engine.") && !q.path("faultMode").isNull()) {
                answers.merge(q.path("faultMode").asText() + "→" + q.path("outcome").asText(), 1, Integer::sum);
            }
        }
        assertThat(answers).containsKeys("EMPTY→NODATA", "NXDOMAIN→NXDOMAIN", "SERVFAIL→SERVFAIL");
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "no-dns-cache")
    void withoutADnsCacheOrderEntryStopsAndTheRunFailsOnAvailability() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "no-dns-cache");

        assertThat(r).hasNoLostOrders();
    }
}
