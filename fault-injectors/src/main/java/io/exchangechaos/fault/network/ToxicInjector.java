package io.exchangechaos.fault.network;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Topology;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Link faults (latency, bandwidth, blackhole, reset, partition, slow-close) on the proxies of a stack's links, on
 * any backend whose links go through a Toxiproxy-compatible server ({@link ProxyApis}): one part per link, all
 * applied at once.
 */
public final class ToxicInjector implements FaultInjector {
    /** Toxiproxy APIs already taken through a scratch proxy by this run's warm-up. */
    private final Set<String> warmed = new HashSet<>();

    @Override
    public String name() {
        return "toxiproxy";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return isLinkFault(fault) && (target instanceof FaultTarget.LinkTarget || target instanceof FaultTarget.LinkListTarget
            || target instanceof FaultTarget.WanLinksTarget || target instanceof FaultTarget.RegionTarget);
    }

    static boolean isLinkFault(Fault<?> fault) {
        return fault instanceof Fault.Latency || fault instanceof Fault.Bandwidth || fault instanceof Fault.Blackhole
            || fault instanceof Fault.Reset || fault instanceof Fault.Partition || fault instanceof Fault.SlowClose;
    }

    /** Every link's proxy serves all regions alike, so no set of proxies cuts exactly one pair apart. */
    @Override
    public Optional<String> refusal(Fault<?> fault, FaultTarget target, String backend) {
        if (fault instanceof Fault.Partition && target instanceof FaultTarget.BetweenTarget between) {
            return Optional.of("a partition " + between.describe() + " needs --backend docker: on local processes each"
                + " link's proxy carries every region's traffic into its service, so cutting it would cut the other"
                + " regions too; run with --backend docker, or partition a whole region");
        }
        return Optional.empty();
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        ProxyApis apis = apis(cx);
        List<String> links = links(target, cx.stack().topology());
        FaultRecorder recorder = cx.recorder();
        List<Supplier<InjectedFault>> parts = links.stream()
            .<Supplier<InjectedFault>>map(l -> () -> linkFault(fault, l, NetworkFaults.connect(apis.proxyApi(l), recorder)))
            .toList();
        return Injection.together("links " + links, parts);
    }

    /** Reads each link's toxics, and takes each Toxiproxy API through a scratch proxy once. */
    @Override
    public void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        ProxyApis apis = apis(cx);
        for (String link : links(target, cx.stack().topology())) {
            NetworkFaults network = NetworkFaults.connect(apis.proxyApi(link), cx.recorder());
            network.toxicNames(link);
            if (warmed.add(network.apiUrl())) {
                network.warmUp();
            }
        }
    }

    private static ProxyApis apis(InjectionContext cx) {
        return cx.stack().facet(ProxyApis.class).orElseThrow(() -> new IllegalStateException("the "
            + cx.stack().backend() + " backend's stack does not say where its links' proxies are; link faults need them"));
    }

    static List<String> links(FaultTarget target, Topology topology) {
        if (target instanceof FaultTarget.LinkTarget l) {
            return List.of(l.link());
        }
        if (target instanceof FaultTarget.LinkListTarget l) {
            return l.links();
        }
        if (target instanceof FaultTarget.WanLinksTarget) {
            return topology.wanLinks().stream().map(Link::name).toList();
        }
        if (target instanceof FaultTarget.RegionTarget r) {
            return topology.linksIntoRegion(r.region()).stream().map(Link::name).toList();
        }
        throw new IllegalArgumentException("a link fault cannot target " + target);
    }

    private static InjectedFault linkFault(Fault<?> fault, String link, NetworkFaults network) {
        if (fault instanceof Fault.Latency l) {
            return network.latency(link, l.latency(), l.jitter(), l.stream());
        }
        if (fault instanceof Fault.Bandwidth b) {
            return network.bandwidth(link, b.rateKBps(), LinkStream.BOTH);
        }
        if (fault instanceof Fault.Blackhole) {
            return network.blackhole(link);
        }
        if (fault instanceof Fault.Reset) {
            return network.reset(link);
        }
        if (fault instanceof Fault.Partition) {
            return network.partition(link);
        }
        if (fault instanceof Fault.SlowClose s) {
            return network.slowClose(link, s.delay());
        }
        throw new IllegalArgumentException("not a link fault: " + fault);
    }
}
