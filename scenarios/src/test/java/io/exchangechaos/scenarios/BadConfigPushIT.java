package io.exchangechaos.scenarios;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * Azure Front Door 2025-10-29 and Cloudflare 2025-11-18: malformed, self-contradicting, oversized and latently broken
 * configs are pushed under load. Validating gateways keep their last known good config; gateways that load whatever
 * they are given stop taking orders.
 */
class BadConfigPushIT {
    private static final String SCENARIO = "bad-config-push";

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO)
    void validationAndAutomaticRollbackKeepOrderEntryUp() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "multi-region");

        assertThat(r.outcome().faults()).extracting(RunOutcome.FaultWindow::type).containsOnly("config-push").hasSize(4);
        assertThat(r.outcome().faults()).allSatisfy(f -> assertThat(f.healedAt()).isPresent());
    }

    @Test
    @SensitivityMatrix.Cell(scenario = SCENARIO, stack = "no-config-validation")
    void withoutValidationTheBadConfigsReachTheOrderPath() throws Exception {
        ScenarioRunner.Result r = SensitivityMatrix.prove(SCENARIO, "no-config-validation");

        // the gateways refused orders under a bad config, but never lost one they had acknowledged
        assertThat(r.outcome().orders().failed() + r.outcome().orders().rejected()).isGreaterThan(500);
        assertThat(r).hasNoLostOrders();
    }
}
