package io.exchangechaos.scenarios;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.Invariant.NO_LOST_ACKED_ORDERS;
import static java.time.Duration.ofSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The first vertical slice, end to end against real processes: the region-loss scenario under Gatling load on the
 * real local stack — PASS when hardened, FAIL for the right reason on each weakness it targets.
 */
class RegionLossIT {
    private static final String SCENARIO = "region-loss";

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO)
    void hardenedMultiRegionPassesAndWritesTheContractFiles() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "multi-region");

        // orders are acknowledged again within 10 s of losing the leader's region
        assertThat(r).hasNoLostOrders().acknowledgedAtLeast(2_001).recoveredWithin(ofSeconds(10));
        for (Invariant invariant : ScenarioLibrary.load(SCENARIO).invariants()) {
            assertThat(r).holds(invariant);
        }
        assertThat(r.outcome().faults()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("kill");
            assertThat(f.healedAt()).isPresent();
        });
        for (String file : new String[] {"report.json", "history.jsonl", "junit.xml", "scenario.yaml"}) {
            assertThat(r.runDir().resolve(file)).isNotEmptyFile();
        }
        JsonNode report = new ObjectMapper().readTree(r.runDir().resolve("report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("PASS");
        assertThat(Files.readAllLines(r.runDir().resolve("history.jsonl")))
            .hasSizeGreaterThan((int) (r.outcome().orders().sent() * 0.9));
        // nothing writes into the run directory after its manifest
        var verification = ReportVerifier.verify(r.runDir());
        assertThat(verification.intact()).as(verification.problems().toString()).isTrue();
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "ack-before-replication")
    void ackBeforeReplicationLosesAcknowledgedOrdersAndTheRunSaysSo() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "ack-before-replication");

        assertThat(r).violates(NO_LOST_ACKED_ORDERS);
        RunOutcome.InvariantResult lost = r.outcome().invariant(NO_LOST_ACKED_ORDERS).orElseThrow();
        assertThat(lost.violations()).isPositive();
        assertThat(lost.examples()).isNotEmpty();
        assertThat(r.outcome().orders().lost()).isEqualTo(lost.violations());
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "single-region")
    void singleRegionCannotSurviveLosingItsOnlyRegion() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "single-region");

        assertThat(r).hasNoLostOrders();
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "shared-failure-domain")
    void replicasSharingOneFailureDomainDieTogether() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "shared-failure-domain");

        // all three replicas live in r1, so the leader's region is r1 and the kill took every engine with it
        assertThat(r.outcome().faults()).singleElement().satisfies(f -> assertThat(f.target()).contains("r1"));
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "no-client-failover")
    void clientsWithoutFailoverWaitForTheDeadRegion() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "no-client-failover");

        // the exchange itself failed over: what was acknowledged is all there
        assertThat(r).hasNoLostOrders();
    }
}
