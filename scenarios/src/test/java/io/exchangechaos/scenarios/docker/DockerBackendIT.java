package io.exchangechaos.scenarios.docker;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.Invariant.NO_LOST_ACKED_ORDERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.fault.container.Docker;
import io.exchangechaos.scenarios.ScenarioLibrary;
import io.exchangechaos.scenarios.SensitivityMatrix;
import io.exchangechaos.scenarios.SensitivityMatrix.Cell;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same library scenarios on the container backend ({@code --backend docker}): every service in its own
 * container on a real Docker engine, regions on their own networks, a region cut off with {@code docker network
 * disconnect}. Needs a running engine; .ci/run starts one, and without one these tests fail, never skip.
 */
class DockerBackendIT {
    private static final String DOCKER = SensitivityMatrix.DOCKER;
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void nothingOfTheRunIsLeftBehind() {
        var docker = Docker.client();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Docker.RUN_LABEL)).exec())
            .as("containers left behind").isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec())
            .as("networks left behind").isEmpty();
    }

    /**
     * A killed container's address stops answering (no RST, as in a real region loss): the orders already sent there
     * wait out their timeout, and the load client then avoids the dead region (EntrypointHealth) — recovery 9 s.
     */
    @Test
    @Cell(scenario = "region-loss", backend = DOCKER)
    void regionLossInContainersLosesNoAcknowledgedOrder() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-loss", "multi-region", DOCKER);

        for (Invariant invariant : ScenarioLibrary.load("region-loss").invariants()) {
            assertThat(r).holds(invariant);
        }
        assertThat(r.outcome().backend()).isEqualTo("docker");
        assertThat(r).hasNoLostOrders();
        assertThat(r.outcome().faults()).singleElement().satisfies(f -> {
            assertThat(f.target()).contains("(containers)");
            assertThat(f.healedAt()).isPresent();
        });
    }

    @Test
    @Cell(scenario = "region-loss", stack = "ack-before-replication", backend = DOCKER)
    void regionLossWithAckBeforeReplicationLosesAcknowledgedOrdersInContainers() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-loss", "ack-before-replication", DOCKER);

        assertThat(r).violates(NO_LOST_ACKED_ORDERS);
        assertThat(r.outcome().invariant(NO_LOST_ACKED_ORDERS).orElseThrow().violations()).isPositive();
    }

    @Test
    @Cell(scenario = "dns-empty-record", backend = DOCKER)
    void dnsEmptyRecordPassesAndTheContainersAskedTheHarnessDns() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("dns-empty-record", "multi-region", DOCKER);

        Map<String, Integer> answers = new TreeMap<>();
        for (String line : Files.readAllLines(r.runDir().resolve("dns-queries.jsonl"))) {
            JsonNode q = JSON.readTree(line);
            if (q.path("name").asText().startsWith("engine.") && !q.path("faultMode").isNull()) {
                answers.merge(q.path("faultMode").asText() + "→" + q.path("outcome").asText(), 1, Integer::sum);
            }
        }
        assertThat(answers).containsKeys("EMPTY→NODATA", "NXDOMAIN→NXDOMAIN", "SERVFAIL→SERVFAIL");
    }

    @Test
    @Cell(scenario = "dns-empty-record", stack = "no-dns-cache", backend = DOCKER)
    void dnsEmptyRecordWithoutADnsCacheStopsOrderEntryInContainers() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("dns-empty-record", "no-dns-cache", DOCKER);

        assertThat(r).hasNoLostOrders();
    }

    /**
     * The leader's region, cut off the WAN for 12 s while it runs: the majority elects one leader, the
     * minority acknowledges nothing it could not replicate, and no acknowledged order is lost after the heal.
     */
    @Test
    @Cell(scenario = "region-partition", backend = DOCKER)
    void regionPartitionKeepsOneLeaderInTheMajorityAndTheMinorityAcksNothing() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-partition", "multi-region", DOCKER);

        assertThat(r).hasNoLostOrders();
        RunOutcome.FaultWindow cut = r.outcome().faults().get(0);
        String minority = cut.target().split(" ")[1];
        String minorityEngine = "engine-" + minority;
        long from = cut.injectedAt().toEpochMilli();
        // The reconnect starts when the step's duration is up, counted from its offset (dueSecond), not from when the
        // cut was in effect: a disconnect that took 1.3 s left the minority reconnected 1.3 s short of the step's
        // duration after injectedAt, and what its gateway acknowledged then had been replicated. So the window ends
        // where the heal began.
        long lateMillis = cut.start().minus(cut.due().orElseThrow()).toMillis();
        long cutMillis = ScenarioLibrary.load("region-partition").timeline().get(0).duration().orElseThrow().toMillis();
        long to = from - lateMillis + cutMillis;
        assertThat(to).as("the heal began after the cut was in effect").isGreaterThan(from + cutMillis / 2);

        // the minority's gateway acknowledged nothing sent after the cut and answered before the reconnect
        JsonNode layout = JSON.readTree(r.runDir().resolve("logs/docker-stack.json").toFile());
        Set<String> minorityEntrypoints = new HashSet<>();
        layout.path("regions").path(minority).path("entrypoints").forEach(e -> minorityEntrypoints.add(e.asText()));
        assertThat(minorityEntrypoints).isNotEmpty();
        List<String> minorityAcks = new ArrayList<>();
        for (String line : Files.readAllLines(r.runDir().resolve("history.jsonl"))) {
            JsonNode op = JSON.readTree(line);
            long sent = op.path("sentMicros").asLong() / 1000;
            long done = op.path("completedMicros").asLong() / 1000;
            if (minorityEntrypoints.contains(op.path("entrypoint").asText()) && "OK".equals(op.path("outcome").asText())
                && sent > from + 1_000 && done < to) {
                minorityAcks.add(op.path("clientOrderId").asText() + " " + op.path("detail").asText());
            }
        }
        assertThat(minorityAcks).as("orders the cut-off region acknowledged").isEmpty();

        // one leader in the majority: never two there at once, the minority's stale leader steps down, and the
        // majority ends the cut with exactly one leader
        List<Map<String, String>> during = new ArrayList<>();
        for (String line : Files.readAllLines(r.runDir().resolve("logs/engine-roles.jsonl"))) {
            JsonNode sample = JSON.readTree(line);
            long t = sample.path("t").asLong();
            if (t > from && t < to) {
                Map<String, String> roles = new TreeMap<>();
                sample.path("roles").fields().forEachRemaining(e -> roles.put(e.getKey(), e.getValue().asText()));
                during.add(roles);
            }
        }
        // the roles are sampled twice a second: at least one sample for each second of the cut
        assertThat(during).hasSizeGreaterThan((int) (cutMillis / 1000));
        for (Map<String, String> roles : during) {
            long majorityLeaders = roles.entrySet().stream()
                .filter(e -> !e.getKey().equals(minorityEngine) && e.getValue().equals("LEADER")).count();
            assertThat(majorityLeaders).as("leaders in the majority at once: %s", roles).isLessThanOrEqualTo(1);
        }
        List<Map<String, String>> lastSeconds = during.subList(during.size() - 10, during.size());
        assertThat(lastSeconds).allSatisfy(roles -> {
            assertThat(roles.get(minorityEngine)).as("the cut-off engine at the end of the cut").isNotEqualTo("LEADER");
            assertThat(roles.entrySet().stream().filter(e -> e.getValue().equals("LEADER")).map(Map.Entry::getKey).toList())
                .as("leaders at the end of the cut").singleElement().isNotEqualTo(minorityEngine);
        });
    }

    /**
     * With acknowledgement before replication, the cut-off leader keeps acknowledging what its own region's gateway
     * sends it; the majority elects another leader and never sees those orders, so they are gone after the heal.
     */
    @Test
    @Cell(scenario = "region-partition", stack = "ack-before-replication", backend = DOCKER)
    void regionPartitionWithAckBeforeReplicationLosesWhatTheCutOffLeaderAcknowledged() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove("region-partition", "ack-before-replication", DOCKER);

        RunOutcome.FaultWindow cut = r.outcome().faults().get(0);
        String minorityEngine = "engine-" + cut.target().split(" ")[1];
        long from = cut.injectedAt().toEpochMilli();
        // the cut did take the leader's region: its engine led in the last sample before the cut
        String before = null;
        for (String line : Files.readAllLines(r.runDir().resolve("logs/engine-roles.jsonl"))) {
            JsonNode sample = JSON.readTree(line);
            if (sample.path("t").asLong() < from) {
                before = sample.path("roles").path(minorityEngine).asText();
            }
        }
        assertThat(before).as("%s's role just before the cut", minorityEngine).isEqualTo("LEADER");
        assertThat(r).violates(NO_LOST_ACKED_ORDERS);
        RunOutcome.InvariantResult lost = r.outcome().invariant(NO_LOST_ACKED_ORDERS).orElseThrow();
        assertThat(lost.violations()).isPositive();
        assertThat(r.outcome().orders().lost()).isEqualTo(lost.violations());
    }
}
