package io.exchangechaos.fault.network;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code slice} on the proxies of a stack's links, on any backend whose links go through a Toxiproxy-compatible
 * server ({@link ProxyApis}): a {@code slicer} toxic both ways on each link, healed like every toxic (remove-toxics).
 */
public final class SliceInjector implements FaultInjector {

    @Override
    public String name() {
        return "toxiproxy slicer";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return fault instanceof Slice && (target instanceof FaultTarget.LinkTarget || target instanceof FaultTarget.LinkListTarget
            || target instanceof FaultTarget.WanLinksTarget || target instanceof FaultTarget.RegionTarget);
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        Slice slice = (Slice) fault;
        ProxyApis apis = cx.stack().facet(ProxyApis.class).orElseThrow(() -> new IllegalStateException("the "
            + cx.stack().backend() + " backend's stack does not say where its links' proxies are; link faults need them"));
        List<String> links = ToxicInjector.links(target, cx.stack().topology());
        List<Supplier<InjectedFault>> parts = links.stream().<Supplier<InjectedFault>>map(l -> () ->
            NetworkFaults.connect(apis.proxyApi(l), cx.recorder()).slice(l, slice.averageSize(), slice.sizeVariation(),
                slice.delay())).toList();
        return Injection.together("links " + links, parts);
    }
}
