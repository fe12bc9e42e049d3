package io.exchangechaos.core.fault;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.TimelineStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The fault injectors on the class path ({@link ServiceLoader}), and which one takes a step. */
public final class FaultInjectors {
    private final List<FaultInjector> injectors;

    private FaultInjectors(List<FaultInjector> injectors) {
        this.injectors = List.copyOf(injectors);
    }

    /** Fresh instances of every injector on the class path, in the order their jars list them. */
    public static FaultInjectors load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<FaultInjector> found = new ArrayList<>();
        try {
            ServiceLoader.load(FaultInjector.class, loader == null ? FaultInjectors.class.getClassLoader() : loader)
                .forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a fault injector plugin cannot be loaded: " + e.getMessage()
                + "; fix or remove the jar that lists it in META-INF/services/" + FaultInjector.class.getName(), e);
        }
        return new FaultInjectors(found);
    }

    /** These injectors, in this order: for tests, with recording fakes. */
    public static FaultInjectors of(List<FaultInjector> injectors) {
        return new FaultInjectors(injectors);
    }

    public List<FaultInjector> all() {
        return injectors;
    }

    /**
     * The first injector that takes {@code step} on {@code backend}.
     *
     * @throws UnsupportedOperationException with why none does: an injector's own reason, or which step, kind, target
     *                                       and backend found no injector
     */
    public FaultInjector forStep(TimelineStep step, String backend) {
        for (FaultInjector injector : injectors) {
            if (injector.handles(step.fault(), step.target(), backend)) {
                return injector;
            }
        }
        throw new UnsupportedOperationException(refusal(step, backend));
    }

    /** Why each step no injector takes on {@code backend} cannot run, one message per such step; empty when all can. */
    public List<String> refusals(List<TimelineStep> steps, String backend) {
        List<String> out = new ArrayList<>();
        for (TimelineStep step : steps) {
            if (injectors.stream().noneMatch(i -> i.handles(step.fault(), step.target(), backend))) {
                out.add(refusal(step, backend));
            }
        }
        return out;
    }

    private String refusal(TimelineStep step, String backend) {
        for (FaultInjector injector : injectors) {
            Optional<String> why = injector.refusal(step.fault(), step.target(), backend);
            if (why.isPresent()) {
                return why.get();
            }
        }
        String kind = FaultKinds.registered().of(step.fault()).id();
        if (injectors.isEmpty()) {
            return "no fault injector on the class path, so [" + step.name() + "] (" + kind + ") cannot be injected: add"
                + " the artifact io.exchangechaos:fault-injectors to the class path";
        }
        return "no fault injector applies " + kind + " to " + step.target().describe() + " on backend [" + backend
            + "] (step [" + step.name() + "]); injectors: " + injectors.stream().map(FaultInjector::name).toList()
            + ". Change the target or the backend, or add the plugin that injects it";
    }
}
