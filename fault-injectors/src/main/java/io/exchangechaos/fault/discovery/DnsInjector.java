package io.exchangechaos.fault.discovery;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.time.Duration;
import java.util.List;

/** DNS faults on names of a stack served by the harness's DNS fault server ({@link DnsControl}). */
public final class DnsInjector implements FaultInjector {

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return fault instanceof Fault.Dns && target instanceof FaultTarget.DnsTarget;
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        Fault.Dns dns = (Fault.Dns) fault;
        String names = ((FaultTarget.DnsTarget) target).names();
        DnsFaults faults = DnsFaults.connect(control(cx).dns(), cx.recorder());
        return new Injection("dns " + names, List.of(switch (dns.mode()) {
            case NXDOMAIN -> faults.nxdomain(names);
            case SERVFAIL -> faults.servfail(names);
            case EMPTY -> faults.empty(names);
            case DROP -> faults.drop(names);
            case WRONG_ADDRESS -> faults.wrongAddress(names);
            case LATENCY -> faults.latency(names, dns.latency().orElse(Duration.ofSeconds(2)));
        }));
    }

    /** Reads the faults in force: the control API's client is loaded and connected before the load. */
    @Override
    public void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        control(cx).dns().faults();
    }

    private static DnsControl control(InjectionContext cx) {
        return cx.stack().facet(DnsControl.class).orElseThrow(() -> new IllegalStateException("the "
            + cx.stack().backend() + " backend's stack is not served by the harness's DNS server; DNS faults need it"));
    }
}
