package io.exchangechaos.core.explore;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TargetFamily;
import io.exchangechaos.core.scenario.TargetKind;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The smaller schedules to try in place of a failing one, smallest change first: fewer steps (each step alone, then
 * each step left out), then shorter faults (each duration halved, to whole seconds, down to 1 s), then simpler targets
 * (a region's processes → each of its services, the leader's region → the leader, a region's links or the WAN links
 * → each link alone, a list of links → each link). Pure: the same schedule gives the same candidates, in the same order.
 */
public final class Shrinker {
    private final Topology topology;

    public Shrinker(Topology topology) {
        this.topology = topology;
    }

    /** Every candidate smaller than {@code schedule}, in the order to try them; none for a single step of 1 s on a simplest target. */
    public List<List<TimelineStep>> candidates(List<TimelineStep> schedule) {
        Set<List<TimelineStep>> out = new LinkedHashSet<>();
        int n = schedule.size();
        if (n > 1) {
            for (int i = 0; i < n; i++) {
                out.add(List.of(schedule.get(i)));
            }
            for (int i = 0; i < n; i++) {
                List<TimelineStep> without = new ArrayList<>(schedule);
                without.remove(i);
                out.add(List.copyOf(without));
            }
        }
        for (int i = 0; i < n; i++) {
            TimelineStep s = schedule.get(i);
            Optional<Duration> d = s.duration();
            if (d.isPresent() && d.get().toSeconds() > 1) {
                out.add(replace(schedule, i, s.lasting(Duration.ofSeconds(d.get().toSeconds() / 2))));
            }
        }
        for (int i = 0; i < n; i++) {
            TimelineStep s = schedule.get(i);
            for (FaultTarget simpler : simplerTargets(s)) {
                out.add(replace(schedule, i, new TimelineStep(name(s, simpler), s.at(), s.fault(), simpler, s.duration())));
            }
        }
        out.remove(schedule);
        return List.copyOf(out);
    }

    private static String name(TimelineStep s, FaultTarget target) {
        return FaultKinds.registered().of(s.fault()).id() + " " + target.describe();
    }

    private static List<TimelineStep> replace(List<TimelineStep> schedule, int i, TimelineStep step) {
        List<TimelineStep> copy = new ArrayList<>(schedule);
        copy.set(i, step);
        return List.copyOf(copy);
    }

    /** Targets that hit less of the topology than the step's, for the same fault. */
    List<FaultTarget> simplerTargets(TimelineStep s) {
        TargetFamily family = FaultKinds.registered().of(s.fault()).family();
        boolean processes = family.kinds().contains(TargetKind.SERVICE);
        List<FaultTarget> out = new ArrayList<>();
        FaultTarget t = s.target();
        if (t instanceof FaultTarget.RegionTarget r) {
            if (r.region().equals(FaultTarget.LEADER)) {
                if (processes) {
                    out.add(new FaultTarget.ServiceTarget(FaultTarget.LEADER));
                }
            } else if (processes) {
                topology.servicesIn(r.region()).forEach(svc -> out.add(new FaultTarget.ServiceTarget(svc.name())));
            } else {
                topology.linksIntoRegion(r.region()).forEach(l -> out.add(new FaultTarget.LinkTarget(l.name())));
            }
        } else if (t instanceof FaultTarget.WanLinksTarget) {
            topology.wanLinks().stream().map(Link::name).map(FaultTarget.LinkTarget::new).forEach(out::add);
        } else if (t instanceof FaultTarget.LinkListTarget l) {
            l.links().stream().map(FaultTarget.LinkTarget::new).forEach(out::add);
        }
        return out;
    }
}
