package io.exchangechaos.core.explore;

import io.exchangechaos.core.scenario.ConfigKind;
import io.exchangechaos.core.scenario.DependencyMode;
import io.exchangechaos.core.scenario.DnsMode;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultKind;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.core.scenario.TargetKind;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.ServiceKind;
import io.exchangechaos.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an exploration may inject: every (fault, target) pair the topology allows for the chosen kinds, in a fixed
 * order, keeping only those {@code supported} says the backend can apply. Params come from a few samples per kind
 * (a kind whose params no sample covers, such as a plugin's, cannot be explored: {@link #EXPLORABLE}).
 */
public final class FaultMenu {
    /** The kinds an exploration can build faults of, with the samples it picks from. */
    public static final Map<String, List<Fault<?>>> EXPLORABLE = samples();
    /** The kinds explored when none are named: processes and links, what any exchange's infrastructure does. */
    public static final List<String> DEFAULT_KINDS = List.of("kill", "terminate", "freeze", "restart", "latency",
        "blackhole", "reset", "partition");

    private final List<Choice> choices;

    /** One fault on one target. */
    public record Choice(Fault<?> fault, FaultTarget target) {
    }

    private FaultMenu(List<Choice> choices) {
        this.choices = List.copyOf(choices);
    }

    /**
     * @param kinds     fault kind ids, each one of {@link #EXPLORABLE}'s
     * @param supported whether the backend can inject a step (e.g. an injector handles it)
     */
    public static FaultMenu of(Topology topology, List<String> kinds, Predicate<TimelineStep> supported) {
        List<Choice> out = new ArrayList<>();
        for (String id : kinds) {
            List<Fault<?>> faults = EXPLORABLE.get(id);
            if (faults == null) {
                throw new IllegalArgumentException("fault kind [" + id + "] cannot be explored; explorable: " + EXPLORABLE.keySet());
            }
            FaultKind<?> kind = FaultKinds.registered().byId(id).orElseThrow();
            for (FaultTarget target : targets(topology, kind)) {
                for (Fault<?> fault : faults) {
                    TimelineStep probe = new TimelineStep(id, Duration.ZERO, fault, target, Optional.empty());
                    if (supported.test(probe)) {
                        out.add(new Choice(fault, target));
                    }
                }
            }
        }
        return new FaultMenu(out);
    }

    public List<Choice> choices() {
        return choices;
    }

    public boolean isEmpty() {
        return choices.isEmpty();
    }

    /** Every target of the topology a fault of {@code kind} takes, the leader's first when there are engines. */
    static List<FaultTarget> targets(Topology t, FaultKind<?> kind) {
        boolean engines = !t.services(ServiceKind.ENGINE).isEmpty();
        List<FaultTarget> out = new ArrayList<>();
        for (TargetKind k : kind.targets()) {
            switch (k) {
                case SERVICE -> {
                    if (engines) {
                        out.add(new FaultTarget.ServiceTarget(FaultTarget.LEADER));
                    }
                    t.services().stream().map(Service::name).map(FaultTarget.ServiceTarget::new).forEach(out::add);
                }
                case REGION -> {
                    if (engines) {
                        out.add(new FaultTarget.RegionTarget(FaultTarget.LEADER));
                    }
                    t.regionsWithServices().stream().filter(r -> !r.equals(Topology.GLOBAL_REGION))
                        .map(FaultTarget.RegionTarget::new).forEach(out::add);
                }
                case LINK -> t.links().stream().map(Link::name).map(FaultTarget.LinkTarget::new).forEach(out::add);
                case LINKS -> {
                    if (!t.wanLinks().isEmpty()) {
                        out.add(new FaultTarget.WanLinksTarget());
                    }
                }
                case DNS -> t.records().stream().map(r -> new FaultTarget.DnsTarget(r.name())).forEach(out::add);
                case DEPENDENCY -> t.services(ServiceKind.DEPENDENCY).stream()
                    .map(s -> new FaultTarget.DependencyTarget(s.name())).forEach(out::add);
                case CONFIG -> t.services(ServiceKind.CONFIG).stream()
                    .map(s -> new FaultTarget.ConfigTarget(s.name())).forEach(out::add);
                case BETWEEN -> {
                    List<String> regions = t.regionsWithServices().stream().filter(r -> !r.equals(Topology.GLOBAL_REGION)).toList();
                    for (int i = 0; i < regions.size(); i++) {
                        for (int j = i + 1; j < regions.size(); j++) {
                            out.add(new FaultTarget.BetweenTarget(List.of(regions.get(i), regions.get(j))));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static Map<String, List<Fault<?>>> samples() {
        Map<String, List<Fault<?>>> m = new LinkedHashMap<>();
        m.put("kill", List.of(new Fault.Kill()));
        m.put("terminate", List.of(new Fault.Terminate()));
        m.put("freeze", List.of(new Fault.Freeze()));
        m.put("restart", List.of(new Fault.Restart()));
        m.put("latency", List.of(new Fault.Latency(Duration.ofMillis(200), Duration.ZERO, LinkStream.BOTH),
            new Fault.Latency(Duration.ofSeconds(1), Duration.ZERO, LinkStream.BOTH)));
        m.put("bandwidth", List.of(new Fault.Bandwidth(50)));
        m.put("blackhole", List.of(new Fault.Blackhole()));
        m.put("reset", List.of(new Fault.Reset()));
        m.put("partition", List.of(new Fault.Partition()));
        m.put("slow-close", List.of(new Fault.SlowClose(Duration.ofSeconds(2))));
        m.put("dns", List.of(new Fault.Dns(DnsMode.EMPTY, Optional.empty()), new Fault.Dns(DnsMode.NXDOMAIN, Optional.empty())));
        m.put("dependency", List.of(new Fault.Dependency(DependencyMode.DELAY, Optional.of(Duration.ofSeconds(3)),
            Optional.empty(), Optional.empty()), new Fault.Dependency(DependencyMode.ERROR, Optional.empty(), Optional.of(503),
            Optional.empty())));
        m.put("config-push", List.of(new Fault.ConfigPush(ConfigKind.MALFORMED, Optional.empty()),
            new Fault.ConfigPush(ConfigKind.SEMANTIC, Optional.empty())));
        return Collections.unmodifiableMap(m);
    }
}
