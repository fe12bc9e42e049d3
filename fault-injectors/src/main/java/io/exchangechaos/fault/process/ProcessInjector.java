package io.exchangechaos.fault.process;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Kill, terminate, freeze and restart on the local-process backend: signals to a service's process or to every
 * process of a region ({@link ProcessControl}), through the stack's {@link ProcessTable}.
 */
public final class ProcessInjector implements FaultInjector {

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return "local".equals(backend) && isProcessFault(fault)
            && (target instanceof FaultTarget.ServiceTarget || target instanceof FaultTarget.RegionTarget);
    }

    static boolean isProcessFault(Fault<?> fault) {
        return fault instanceof Fault.Kill || fault instanceof Fault.Terminate || fault instanceof Fault.Freeze
            || fault instanceof Fault.Restart;
    }

    /** A kill or terminate waits for the processes to exit, a restart for them to stop and start again. */
    @Override
    public Duration actionMayTake(Fault<?> fault) {
        return fault instanceof Fault.Restart ? ProcessControl.EXIT_TIMEOUT.multipliedBy(2)
            : fault instanceof Fault.Kill || fault instanceof Fault.Terminate ? ProcessControl.EXIT_TIMEOUT : Duration.ZERO;
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        ProcessTable table = cx.stack().facet(ProcessTable.class).orElseThrow(() -> new IllegalStateException(
            "the " + cx.stack().backend() + " backend's stack has no process table; process faults need local processes"));
        ProcessControl processes = new ProcessControl(cx.recorder());
        if (target instanceof FaultTarget.RegionTarget r) {
            ProcessGroup group = table.region(r.region());
            if (fault instanceof Fault.Restart) {
                cx.awaitMoment("restart " + group.name());
                group.members().forEach(p -> restart(processes, p));
                return new Injection("region " + r.region(), List.of());
            }
            return new Injection("region " + r.region(), List.of(apply(processes, fault, group)));
        }
        String service = ((FaultTarget.ServiceTarget) target).service();
        ManagedProcess process = table.process(service);
        if (fault instanceof Fault.Restart) {
            cx.awaitMoment("restart " + service);
            restart(processes, process);
            return new Injection("service " + service, List.of());
        }
        return new Injection("service " + service, List.of(apply(processes, fault, ProcessGroup.of(process))));
    }

    private static InjectedFault apply(ProcessControl processes, Fault<?> fault, ProcessGroup group) {
        return fault instanceof Fault.Kill ? processes.kill(group)
            : fault instanceof Fault.Terminate ? processes.terminate(group) : processes.freeze(group);
    }

    private static void restart(ProcessControl processes, ManagedProcess p) {
        try {
            processes.restart(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted restarting " + p.name(), e);
        }
    }
}
