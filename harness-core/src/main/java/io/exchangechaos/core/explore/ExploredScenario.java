package io.exchangechaos.core.explore;

import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;

import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import java.time.Duration;
import java.util.List;

/**
 * The scenario an exploration runs a schedule in: the same load, steady state and checks for every schedule, only the
 * timeline changes. Judged by the built-in invariants; a random schedule has no latency or error budget anyone agreed to,
 * so a FAIL always means the exchange broke a promise it makes under any fault.
 *
 * @param rate orders per second
 * @param time length of the load
 */
public record ExploredScenario(TopologyRef topology, Weakness weakness, double rate, Duration time) {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    /** The scenario {@code name} running {@code timeline}; {@code description} may be empty. */
    public Scenario with(String name, String description, List<TimelineStep> timeline) {
        return Scenario.named(name).describedAs(description).on(topology).withWeakness(weakness)
            .load(openLoad().rate(rate).perSecond().during(time).symbols("BTC-USD", "ETH-USD")
                .requestTimeout(REQUEST_TIMEOUT))
            .timeline(timeline.toArray(TimelineStep[]::new))
            .invariants(Invariant.BUILT_IN.toArray(Invariant[]::new))
            .build();
    }

    /** Whether {@code timeline} makes a valid scenario (the validator refuses a few overlaps on one target). */
    public boolean valid(List<TimelineStep> timeline) {
        try {
            with("explore-check", "", timeline);
            return true;
        } catch (ScenarioDefinitionException e) {
            return false;
        }
    }
}
