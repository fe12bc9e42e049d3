package io.exchangechaos.core.fault;

import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import java.time.Duration;
import java.util.Optional;

/**
 * Applies faults of some kinds on some backends: a process kill on local processes, the same kill on containers, a
 * toxic on a link's proxy. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.exchangechaos.core.fault.FaultInjector}, see {@link FaultInjectors}); for each step
 * the {@link FaultExecutor} takes the first that {@linkplain #handles handles} it. Each executor loads its own
 * instances, so an injector may keep what its warm-up learnt for the run.
 */
public interface FaultInjector {

    /** What it drives, for messages: {@code toxiproxy}, {@code process}, {@code container}. */
    String name();

    /**
     * Whether it applies {@code fault} to {@code target} on {@code backend} (a {@link io.exchangechaos.core.backend.Backend}
     * name). Asked before anything runs, so it must answer from these alone.
     */
    boolean handles(Fault<?> fault, FaultTarget target, String backend);

    /**
     * Why no injector can apply {@code fault} to {@code target} on {@code backend}, when this one knows (it applies
     * the kind elsewhere, say): the message of the refusal. Asked only when none handles it.
     */
    default Optional<String> refusal(Fault<?> fault, FaultTarget target, String backend) {
        return Optional.empty();
    }

    /**
     * Records every part through {@code cx.recorder()} before touching anything (that recorder applies each part
     * at the step's moment: whatever can be done ahead is done before it), applies it, and returns what is in force.
     * If a part fails, the parts that did apply are healed before this throws.
     *
     * @param target the step's target with the leader resolved: {@code {region: leader}} is {@code {region: r2}}
     */
    Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx);

    /**
     * How long past its moment applying {@code fault} may itself wait (a kill for the processes to exit, a restart for
     * them to stop and start again): added to the time a step may take to be in effect before it is abandoned as hung.
     * Nothing by default.
     */
    default Duration actionMayTake(Fault<?> fault) {
        return Duration.ZERO;
    }

    /**
     * Takes its clients through the motions once before the load, without touching the system under test (a read
     * of its control API, a write to a scratch object nothing uses), so that the first fault does not pay for
     * loading them. Best effort: a failure is logged, and the fault itself reports what is wrong.
     */
    default void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
    }
}
