package io.exchangechaos.core.scenario;

import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;

/** The exchange a scenario runs against: a topology, and the weakness switched on ({@link Weakness#NONE} for none). */
public record Target(TopologyRef topology, Weakness weakness) {
}
