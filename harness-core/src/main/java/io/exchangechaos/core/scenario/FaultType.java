package io.exchangechaos.core.scenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The kinds of fault a timeline can inject, the targets each takes and the params each accepts. */
public enum FaultType implements Spelled {
    KILL("kill", Family.PROCESS, List.of()),
    TERMINATE("terminate", Family.PROCESS, List.of()),
    FREEZE("freeze", Family.PROCESS, List.of()),
    RESTART("restart", Family.PROCESS, List.of()),
    LATENCY("latency", Family.LINK, List.of("latency", "jitter", "stream")),
    BANDWIDTH("bandwidth", Family.LINK, List.of("rateKBps")),
    BLACKHOLE("blackhole", Family.LINK, List.of()),
    RESET("reset", Family.LINK, List.of()),
    PARTITION("partition", Family.LINK, List.of()),
    SLOW_CLOSE("slow-close", Family.LINK, List.of("delay")),
    DNS("dns", Family.DNS, List.of("mode", "latency")),
    DEPENDENCY("dependency", Family.DEPENDENCY, List.of("mode", "delay", "status", "endpoint")),
    CONFIG_PUSH("config-push", Family.CONFIG, List.of("kind", "file"));

    /** Faults grouped by what they act on. */
    enum Family {
        PROCESS("a service or a region", "{service: NAME}, {service: leader}, {region: NAME} or {region: leader}",
                EnumSet.of(TargetKind.SERVICE, TargetKind.REGION)),
        LINK("links", "{link: NAME}, {links: [NAME, ...]}, {links: wan} or {region: NAME}",
                EnumSet.of(TargetKind.LINK, TargetKind.LINKS, TargetKind.REGION)),
        DNS("DNS names", "{dns: \"engine.*.exchange.test\"}", EnumSet.of(TargetKind.DNS)),
        DEPENDENCY("a dependency", "{dependency: NAME}", EnumSet.of(TargetKind.DEPENDENCY)),
        CONFIG("the config service", "{config: NAME}", EnumSet.of(TargetKind.CONFIG));

        final String actsOn;
        final String spellings;
        final Set<TargetKind> targets;

        Family(String actsOn, String spellings, Set<TargetKind> targets) {
            this.actsOn = actsOn;
            this.spellings = spellings;
            this.targets = targets;
        }
    }

    private final String id;
    private final Family family;
    private final List<String> params;

    FaultType(String id, Family family, List<String> params) {
        this.id = id;
        this.family = family;
        this.params = params;
    }

    @Override
    public String id() {
        return id;
    }

    /** The keys its {@code params} may have. */
    public List<String> params() {
        return params;
    }

    public boolean accepts(TargetKind kind) {
        // a pair of regions can only be cut apart: the other link faults act on a link's proxy, which every region shares
        return family.targets.contains(kind) || this == PARTITION && kind == TargetKind.BETWEEN;
    }

    Family family() {
        return family;
    }

    /** True if it is over the moment it is injected: it takes no duration. */
    public boolean isInstantaneous() {
        return this == RESTART;
    }

    @Override
    public String toString() {
        return id;
    }
}
