package io.exchangechaos.core.scenario;

import static io.exchangechaos.core.scenario.OrderOperation.ANY;
import static io.exchangechaos.core.scenario.OrderOperation.CANCEL;
import static io.exchangechaos.core.scenario.OrderOperation.PLACE;
import static io.exchangechaos.core.scenario.Phase.BASELINE;
import static io.exchangechaos.core.scenario.Phase.FAULT;
import static io.exchangechaos.core.scenario.Phase.OVERALL;
import static io.exchangechaos.core.scenario.ScenarioDsl.*;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Weakness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioDslTest {

    private static final Path DSL = Path.of("src/test/resources/dsl");

    @Test
    void regionLossWrittenInJavaEqualsTheYamlFile() {
        // GIVEN region-loss in the DSL
        Scenario java = Scenario.named("region-loss")
                .describedAs("All processes of the leader's region are killed under load and restarted 25 s later.")
                .replays("AWS ap-northeast-1 (Tokyo), 2025-04-15: one zone loses power")
                .on(Topologies.MULTI_REGION)
                .load(openLoad().rate(200).perSecond().rampUp(ofSeconds(5)).during(ofSeconds(60))
                        .mix(limit(0.7).market(0.1).cancel(0.2))
                        .symbols("BTC-USD", "ETH-USD"))
                .steadyState(steadyStateWithin(ofSeconds(30)).holdingFor(ofSeconds(3)).errorRatioAtMost(0.0))
                .timeline(at(ofSeconds(20)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(25))
                        .named("lose the leader's region"))
                .budgets(
                        p99(PLACE).during(BASELINE).atMost(ofMillis(50)),
                        p99(PLACE).during(FAULT).atMost(ofSeconds(1)),
                        errorRatio(ANY).during(FAULT).atMost(0.05),
                        recoveryWithin(ofSeconds(10)).once(Percentile.P99).atMost(ofMillis(200))
                                .withErrorRatioAtMost(0.01).holdingFor(ofSeconds(3)),
                        indeterminateAtMost(20))
                // the file names all six, so this is not the adapter's default set
                .invariants(Invariant.BUILT_IN.toArray(Invariant[]::new))
                .abortWhen(errorRatioAbove(0.9).sustainedFor(ofSeconds(15)))
                .build();

        // WHEN the YAML spelling is loaded
        Scenario yaml = Scenarios.load(DSL.resolve("region-loss.yaml"));

        // THEN both are the same model
        assertThat(java).isEqualTo(yaml);
    }

    @Test
    void everyFaultAndTargetWrittenInJavaEqualsTheYamlFile() {
        // GIVEN one of each fault and target in the DSL
        Scenario java = Scenario.named("mixed-faults")
                .on(Topologies.MULTI_REGION)
                .withWeakness(Weakness.NO_DNS_CACHE)
                .load(openLoad().rate(150.5).perSecond().during(ofMinutes(2))
                        .symbols("ETH-USD").accounts(5).requestTimeout(ofMillis(1500))
                        .surge(surgeAt(ofSeconds(100)).rate(1000).perSecond().during(ofSeconds(3))))
                .steadyState(steadyStateWithin(ofSeconds(20)).holdingFor(ofSeconds(2)).errorRatioAtMost(0.01))
                .timeline(
                        at(ofSeconds(5)).inject(latency(ofMillis(150)).jitter(ofMillis(50)).stream(LinkStream.DOWNSTREAM))
                                .on(wanLinks()).lasting(ofSeconds(10)),
                        at(ofSeconds(5)).inject(bandwidth(256)).on(links("replication-r1", "replication-r2")).lasting(ofSeconds(10)),
                        at(ofSeconds(16)).inject(dnsLatency(ofSeconds(2))).on(dnsNames("engine.*.exchange.test")).lasting(ofSeconds(5)),
                        at(ofSeconds(22)).inject(dependencyError(500).endpoint("/check")).on(dependency("credit-check"))
                                .lasting(ofSeconds(5)),
                        at(ofSeconds(28)).inject(configPush(ConfigKind.LATENT)).on(config("config")).lasting(ofSeconds(5)),
                        at(ofSeconds(34)).inject(freeze()).on(leader()).lasting(ofSeconds(5)),
                        at(ofSeconds(40)).inject(restart()).on(service("gateway-r2")),
                        at(ofSeconds(45)).inject(slowClose(ofMillis(500))).on(link("client-gateway-r1")).lasting(ofSeconds(5)),
                        at(ofSeconds(51)).inject(blackhole()).on(region("r3")).lasting(ofSeconds(5)),
                        at(ofSeconds(57)).inject(partition()).on(between("r1", "r2")).lasting(ofSeconds(5)))
                .budgets(errorRatio(CANCEL).during(OVERALL).atMost(0.1))
                .invariants(Invariant.NO_LOST_ACKED_ORDERS)
                .build();

        // WHEN the YAML spelling is loaded
        Scenario yaml = Scenarios.load(DSL.resolve("mixed-faults.yaml"));

        // THEN both are the same model
        assertThat(java).isEqualTo(yaml);
    }

    @Test
    void theDslIsCheckedByTheSameValidatorAndReportsPathsOnly() {
        // GIVEN a scenario whose fault outlasts the load and whose target is not in the topology
        var builder = Scenario.named("too-long")
                .on(Topologies.MULTI_REGION)
                .load(openLoad().rate(200).perSecond().during(ofMinutes(1)))
                .timeline(at(ofSeconds(20)).inject(kill()).on(service("engine-r9")).lasting(ofMinutes(10)));

        // WHEN it is built THEN every problem is listed, by path, without a file location
        assertThatThrownBy(builder::build)
                .isInstanceOf(ScenarioDefinitionException.class)
                .hasMessage("timeline[0].duration [10m]: ends after the load ends at 1m; shorten it or lengthen load.duration\n"
                        + "timeline[0].target.service [engine-r9]: not a service of multi-region; did you mean engine-r1?");
    }

    @Test
    void aBuilderIsAnImmutableTemplate() {
        // GIVEN a builder used as a template
        var template = Scenario.named("template").on(Topologies.SINGLE_REGION)
                .load(openLoad().rate(100).perSecond().during(ofSeconds(30)));

        // WHEN two scenarios are derived from it
        Scenario withFault = template.timeline(at(ofSeconds(10)).inject(kill()).on(service("engine-r1")).lasting(ofSeconds(5))).build();
        Scenario plain = template.build();

        // THEN the template did not change
        assertThat(withFault.timeline()).hasSize(1);
        assertThat(plain.timeline()).isEmpty();
        assertThat(plain.invariants()).containsExactlyElementsOf(Invariant.BUILT_IN);
    }

    @Test
    void phasesFollowTheTimeline() {
        // GIVEN region-loss: load 60 s, region killed at 20 s for 25 s
        Scenario s = Scenarios.load(DSL.resolve("region-loss.yaml"));

        // THEN baseline, fault and recovery split the load window at the injection and the heal
        assertThat(s.window(BASELINE)).contains(new Scenario.Window(ofSeconds(0), ofSeconds(20)));
        assertThat(s.window(FAULT)).contains(new Scenario.Window(ofSeconds(20), ofSeconds(45)));
        assertThat(s.window(Phase.RECOVERY)).contains(new Scenario.Window(ofSeconds(45), ofSeconds(60)));
    }
}
