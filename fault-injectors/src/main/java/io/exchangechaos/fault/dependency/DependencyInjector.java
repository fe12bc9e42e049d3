package io.exchangechaos.fault.dependency;

import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.Injection;
import io.exchangechaos.core.fault.InjectionContext;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.time.Duration;
import java.util.List;

/** Dependency faults: a WireMock stub on the dependency's admin API ({@link DependencyFaults}). */
public final class DependencyInjector implements FaultInjector {
    /** The path misbehaving when a step names none: the staged exchange's credit check. */
    static final String DEFAULT_ENDPOINT = "/credit-check";

    @Override
    public String name() {
        return "wiremock";
    }

    @Override
    public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
        return fault instanceof Fault.Dependency && target instanceof FaultTarget.DependencyTarget;
    }

    @Override
    public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        Fault.Dependency dep = (Fault.Dependency) fault;
        String service = ((FaultTarget.DependencyTarget) target).service();
        DependencyFaults faults = DependencyFaults.connect(cx.stack().serviceUrl(service).toString(), cx.recorder());
        StubEndpoint endpoint = StubEndpoint.post(dep.endpoint().orElse(DEFAULT_ENDPOINT));
        Duration delay = dep.delay().orElse(Duration.ofSeconds(3));
        InjectedFault part = switch (dep.mode()) {
            case DELAY -> faults.fixedDelay(endpoint, delay);
            case RANDOM_DELAY -> faults.randomDelay(endpoint, delay.dividedBy(2), delay.multipliedBy(3).dividedBy(2));
            case DRIBBLE -> faults.chunkedDribble(endpoint, 10, delay);
            case ERROR -> faults.serverError(endpoint, dep.status().orElse(503));
            case CONNECTION_RESET -> faults.connectionReset(endpoint);
            case EMPTY_RESPONSE -> faults.emptyResponse(endpoint);
            case MALFORMED_CHUNK -> faults.malformedChunk(endpoint);
        };
        return new Injection("dependency " + service + " " + dep.endpoint().orElse(DEFAULT_ENDPOINT), List.of(part));
    }

    /**
     * A read of the admin API only: a stub on a scratch path first did not bring the first dependency fault nearer its
     * offset; what is left is the dependency answering its admin API while it serves the load.
     */
    @Override
    public void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
        String service = ((FaultTarget.DependencyTarget) target).service();
        DependencyFaults.connect(cx.stack().serviceUrl(service).toString(), cx.recorder()).stubCount();
    }
}
