// The README's quickstart test ("A scenario as a JUnit test"), word for word after the imports an IDE adds;
// ReadmeQuickstartTest (scenarios module) fails the build when the two differ.
import io.exchangechaos.core.junit.ChaosExtension;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.verdict.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static java.time.Duration.ofSeconds;
import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static io.exchangechaos.core.scenario.ScenarioDsl.*;
class RegionLossTest {
    @RegisterExtension
    static ChaosExtension chaos = ChaosExtension.of(Scenario.named("lose-a-region")
        .load(openLoad().rate(100).perSecond().during(ofSeconds(40)))
        .timeline(at(ofSeconds(10)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(15)))
        .budgets(p99(PLACE).during(FAULT).atMost(ofSeconds(5)), recoveryWithin(ofSeconds(10)))
        .build());

    @Test
    void survivesLosingTheLeadersRegion(RunOutcome outcome) {
        assertThat(outcome).passed().hasNoLostOrders().recoveredWithin(ofSeconds(10));
    }
}
