package io.exchangechaos.core.scenario;

import java.util.List;

/**
 * What a fault acts on, as written in a timeline step's {@code target}. The marker interfaces ({@link ForProcess},
 * {@link ForLink}, …) let the Java DSL refuse, at compile time, a target the fault can't take.
 */
public sealed interface FaultTarget {

    /** Stands for the engine leader ({@code {service: leader}}) or its region ({@code {region: leader}}), resolved when the fault is injected. */
    String LEADER = "leader";

    /** The key the target is written with. */
    TargetKind kind();

    /** As written in a scenario file: {@code {region: leader}}. */
    String describe();

    /** Targets of process faults: kill, terminate, freeze, restart. */
    sealed interface ForProcess extends FaultTarget {
    }

    /** Targets of link faults: latency, bandwidth, blackhole, reset, partition, slow-close. */
    sealed interface ForLink extends FaultTarget {
    }

    /** Targets of dns faults. */
    sealed interface ForDns extends FaultTarget {
    }

    /** Targets of dependency faults. */
    sealed interface ForDependency extends FaultTarget {
    }

    /** Targets of config pushes. */
    sealed interface ForConfig extends FaultTarget {
    }

    /** {@code {service: engine-r1}} or {@code {service: leader}}. */
    record ServiceTarget(String service) implements ForProcess {
        @Override
        public TargetKind kind() {
            return TargetKind.SERVICE;
        }

        @Override
        public String describe() {
            return "{service: " + service + "}";
        }
    }

    /** {@code {region: r1}} or {@code {region: leader}}: every process of the region, or for link faults every link into it. */
    record RegionTarget(String region) implements ForProcess, ForLink {
        @Override
        public TargetKind kind() {
            return TargetKind.REGION;
        }

        @Override
        public String describe() {
            return "{region: " + region + "}";
        }
    }

    /**
     * {@code {between: [r1, r2]}}: everything between two regions, in both directions, while each still reaches every
     * other region; only a partition takes it.
     */
    record BetweenTarget(List<String> regions) implements ForLink {
        public BetweenTarget {
            regions = List.copyOf(regions);
        }

        @Override
        public TargetKind kind() {
            return TargetKind.BETWEEN;
        }

        @Override
        public String describe() {
            return "{between: [" + String.join(", ", regions) + "]}";
        }
    }

    /** {@code {link: replication-r1}}. */
    record LinkTarget(String link) implements ForLink {
        @Override
        public TargetKind kind() {
            return TargetKind.LINK;
        }

        @Override
        public String describe() {
            return "{link: " + link + "}";
        }
    }

    /** {@code {links: [a, b]}}. */
    record LinkListTarget(List<String> links) implements ForLink {
        public LinkListTarget {
            links = List.copyOf(links);
        }

        @Override
        public TargetKind kind() {
            return TargetKind.LINKS;
        }

        @Override
        public String describe() {
            return "{links: [" + String.join(", ", links) + "]}";
        }
    }

    /** {@code {links: wan}}: every link marked {@code wan} in the topology. */
    record WanLinksTarget() implements ForLink {
        @Override
        public TargetKind kind() {
            return TargetKind.LINKS;
        }

        @Override
        public String describe() {
            return "{links: wan}";
        }
    }

    /** {@code {dns: "engine.*.exchange.test"}}: the DNS records matching the pattern ({@code *} is one label). */
    record DnsTarget(String names) implements ForDns {
        @Override
        public TargetKind kind() {
            return TargetKind.DNS;
        }

        @Override
        public String describe() {
            return "{dns: " + names + "}";
        }
    }

    /** {@code {dependency: credit-check}}: a service of kind dependency. */
    record DependencyTarget(String service) implements ForDependency {
        @Override
        public TargetKind kind() {
            return TargetKind.DEPENDENCY;
        }

        @Override
        public String describe() {
            return "{dependency: " + service + "}";
        }
    }

    /** {@code {config: config}}: a service of kind config. */
    record ConfigTarget(String service) implements ForConfig {
        @Override
        public TargetKind kind() {
            return TargetKind.CONFIG;
        }

        @Override
        public String describe() {
            return "{config: " + service + "}";
        }
    }
}
