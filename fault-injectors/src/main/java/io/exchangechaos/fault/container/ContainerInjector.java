package io.exchangechaos.fault.container;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.fault.process.ProcessControl;
import java.time.Duration;
import java.util.List;

/**
 * Process faults and region partitions on the container backend, through the stack's {@link Containers}: kill
 * (SIGKILL from here to each container's first process where the engine runs on this machine, else
 * {@code docker kill}: {@link ContainerFaults#kill}), terminate ({@code docker stop}), freeze ({@code docker pause}),
 * restart ({@code docker restart}), and a partition of a region cuts all its containers off its WAN networks (their
 * interfaces there taken down inside each container's network namespace where the engine runs on this machine, else
 * {@code docker network disconnect}: {@link ContainerFaults#disconnect}): cut in both directions while it keeps
 * running; a partition between two regions cuts both off the one WAN network they share.
 */
public final class ContainerInjector implements FaultInjector {

    @Override
    public String name() {
        return "container";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        if (!"docker".equals(backend)) {
            return false;
        }
        boolean processFault = fault instanceof Fault.Kill || fault instanceof Fault.Terminate || fault instanceof Fault.Freeze
            || fault instanceof Fault.Restart;
        return processFault && (target instanceof FaultTarget.ServiceTarget || target instanceof FaultTarget.RegionTarget)
            || fault instanceof Fault.Partition
            && (target instanceof FaultTarget.RegionTarget || target instanceof FaultTarget.BetweenTarget);
    }

    /** A kill or terminate waits for the processes to exit, a restart for them to stop and start again. */
    @Override
    public Duration actionMayTake(Fault<?> fault) {
        return fault instanceof Fault.Restart ? ProcessControl.EXIT_TIMEOUT.multipliedBy(2)
            : fault instanceof Fault.Kill || fault instanceof Fault.Terminate ? ProcessControl.EXIT_TIMEOUT : Duration.ZERO;
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        Containers docker = cx.stack().facet(Containers.class).orElseThrow(() -> new IllegalStateException(
            "the " + cx.stack().backend() + " backend's stack has no containers; container faults need --backend docker"));
        ContainerFaults containers = new ContainerFaults(cx.recorder());
        if (target instanceof FaultTarget.BetweenTarget between) {
            String a = between.regions().get(0);
            String b = between.regions().get(1);
            return new Injection("between " + a + " and " + b + " (cut apart on their WAN network)",
                List.of(containers.disconnect("regions " + a + " and " + b + " from each other", docker.pairAttachments(a, b))));
        }
        List<ContainerRef> refs;
        String what;
        if (target instanceof FaultTarget.RegionTarget r) {
            if (fault instanceof Fault.Partition) {
                return new Injection("region " + r.region() + " (cut off from the WAN)",
                    List.of(containers.disconnect("region " + r.region() + " from the WAN", docker.wanAttachments(r.region()))));
            }
            refs = docker.containersIn(r.region());
            what = "region " + r.region();
        } else {
            String service = ((FaultTarget.ServiceTarget) target).service();
            refs = List.of(docker.container(service));
            what = "service " + service;
        }
        if (fault instanceof Fault.Restart) {
            cx.awaitMoment("restart " + what);
            refs.forEach(containers::restart);
            return new Injection(what + " (containers)", List.of());
        }
        return new Injection(what + " (containers)", List.of(fault instanceof Fault.Kill ? containers.kill(what, refs)
            : fault instanceof Fault.Terminate ? containers.stop(what, refs) : containers.pause(what, refs)));
    }
}
