package io.exchangechaos.core.explore;

import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.kill;
import static io.exchangechaos.core.scenario.ScenarioDsl.latency;
import static io.exchangechaos.core.scenario.ScenarioDsl.leader;
import static io.exchangechaos.core.scenario.ScenarioDsl.leaderRegion;
import static io.exchangechaos.core.scenario.ScenarioDsl.link;
import static io.exchangechaos.core.scenario.ScenarioDsl.links;
import static io.exchangechaos.core.scenario.ScenarioDsl.region;
import static io.exchangechaos.core.scenario.ScenarioDsl.restart;
import static io.exchangechaos.core.scenario.ScenarioDsl.service;
import static io.exchangechaos.core.scenario.ScenarioDsl.wanLinks;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private final Shrinker shrinker = new Shrinker(Topologies.load(Topologies.MULTI_REGION));

    private static final TimelineStep KILL_LEADER_REGION = at(ofSeconds(2)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(4));
    private static final TimelineStep SLOW_WAN = at(ofSeconds(3)).inject(latency(ofMillis(200))).on(wanLinks()).lasting(ofSeconds(2));
    private static final TimelineStep RESTART_R2 = at(ofSeconds(5)).inject(restart()).on(region("r2"));

    @Test
    void fewerStepsFirstEachAloneThenEachLeftOutThenShorterFaultsThenSimplerTargets() {
        // GIVEN three steps
        List<TimelineStep> schedule = List.of(KILL_LEADER_REGION, SLOW_WAN, RESTART_R2);

        // WHEN
        List<List<TimelineStep>> c = shrinker.candidates(schedule);

        // THEN
        assertThat(c.subList(0, 6)).containsExactly(
            List.of(KILL_LEADER_REGION), List.of(SLOW_WAN), List.of(RESTART_R2),
            List.of(SLOW_WAN, RESTART_R2), List.of(KILL_LEADER_REGION, RESTART_R2), List.of(KILL_LEADER_REGION, SLOW_WAN));
        assertThat(c.get(6)).containsExactly(KILL_LEADER_REGION.lasting(ofSeconds(2)), SLOW_WAN, RESTART_R2);
        assertThat(c.get(7)).containsExactly(KILL_LEADER_REGION, SLOW_WAN.lasting(ofSeconds(1)), RESTART_R2);
        // restart takes no duration: nothing to shorten; then the targets, step by step
        assertThat(c.subList(8, c.size())).extracting(s -> ExplorationSummary.describe(s)).containsExactly(
            "kill {service: leader} at 2s for 4s; latency 200ms (both) {links: wan} at 3s for 2s; restart {region: r2} at 5s",
            "kill {region: leader} at 2s for 4s; latency 200ms (both) {link: replication-r1} at 3s for 2s; restart {region: r2} at 5s",
            "kill {region: leader} at 2s for 4s; latency 200ms (both) {link: replication-r2} at 3s for 2s; restart {region: r2} at 5s",
            "kill {region: leader} at 2s for 4s; latency 200ms (both) {link: replication-r3} at 3s for 2s; restart {region: r2} at 5s",
            "kill {region: leader} at 2s for 4s; latency 200ms (both) {links: wan} at 3s for 2s; restart {service: engine-r2} at 5s",
            "kill {region: leader} at 2s for 4s; latency 200ms (both) {links: wan} at 3s for 2s; restart {service: gateway-r2} at 5s");
    }

    @Test
    void twoStepsGiveEachAloneOnce() {
        List<List<TimelineStep>> c = shrinker.candidates(List.of(KILL_LEADER_REGION, SLOW_WAN));
        assertThat(c.subList(0, 2)).containsExactly(List.of(KILL_LEADER_REGION), List.of(SLOW_WAN));
        assertThat(c).doesNotHaveDuplicates();
    }

    @Test
    void aRegionsLinksGiveEachLinkIntoItAndAListEachOfItsLinks() {
        TimelineStep intoR3 = at(ofSeconds(2)).inject(latency(ofMillis(200))).on(region("r3")).lasting(ofSeconds(1));
        assertThat(shrinker.candidates(List.of(intoR3))).extracting(s -> s.get(0).target().describe())
            .containsExactly("{link: gateways-engine-r3}", "{link: replication-r3}", "{link: client-gateway-r3}");
        TimelineStep two = at(ofSeconds(2)).inject(latency(ofMillis(200))).on(links("replication-r1", "replication-r2")).lasting(ofSeconds(1));
        assertThat(shrinker.candidates(List.of(two))).extracting(s -> s.get(0).target().describe())
            .containsExactly("{link: replication-r1}", "{link: replication-r2}");
    }

    @Test
    void aMinimalScheduleHasNoCandidate() {
        // GIVEN one step of 1 s on the simplest targets there are
        assertThat(shrinker.candidates(List.of(at(ofSeconds(2)).inject(kill()).on(leader()).lasting(ofSeconds(1))))).isEmpty();
        assertThat(shrinker.candidates(List.of(at(ofSeconds(2)).inject(kill()).on(service("engine-r1")).lasting(ofSeconds(1))))).isEmpty();
        assertThat(shrinker.candidates(List.of(at(ofSeconds(2)).inject(restart()).on(leader())))).isEmpty();
        assertThat(shrinker.candidates(List.of(at(ofSeconds(2)).inject(latency(ofMillis(5))).on(link("replication-r1")).lasting(ofSeconds(1))))).isEmpty();
    }

    @Test
    void theSameScheduleGivesTheSameCandidates() {
        List<TimelineStep> s = List.of(KILL_LEADER_REGION, SLOW_WAN, RESTART_R2);
        assertThat(new Shrinker(Topologies.load(Topologies.MULTI_REGION)).candidates(s)).isEqualTo(shrinker.candidates(s));
    }
}
