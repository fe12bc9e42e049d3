package io.exchangechaos.core.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * The fault kinds a scenario may name: core's own, then those of plugins on the class path, found with
 * {@link ServiceLoader} ({@code META-INF/services/io.exchangechaos.core.scenario.FaultKind}). Each id and each record
 * class belongs to one kind.
 */
public final class FaultKinds {
    /** Per class loader: a plugin loader sees more kinds than the harness's own. */
    private static final Map<ClassLoader, FaultKinds> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, FaultKind<?>> byId;
    private final Map<Class<?>, FaultKind<?>> byType;

    private FaultKinds(List<FaultKind<?>> kinds) {
        Map<String, FaultKind<?>> ids = new LinkedHashMap<>();
        Map<Class<?>, FaultKind<?>> types = new LinkedHashMap<>();
        for (FaultKind<?> kind : kinds) {
            FaultKind<?> clash = ids.putIfAbsent(kind.id(), kind);
            if (clash == null) {
                clash = types.putIfAbsent(kind.type(), kind);
            }
            if (clash != null) {
                throw new IllegalStateException("fault kinds " + clash.getClass().getName() + " and " + kind.getClass().getName()
                    + " both claim [" + kind.id() + "] (" + kind.type().getName() + "); remove one of their plugins from the class path");
            }
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byType = Collections.unmodifiableMap(types);
    }

    /** Core's kinds and every plugin kind on the class path (the context class loader's, else core's). */
    public static FaultKinds registered() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context == null ? FaultKinds.class.getClassLoader() : context;
        return REGISTERED.computeIfAbsent(loader, FaultKinds::load);
    }

    /** Core's kinds and the plugin kinds {@code loader} finds. */
    public static FaultKinds load(ClassLoader loader) {
        List<FaultKind<?>> kinds = new ArrayList<>(BuiltInFaultKinds.ALL);
        try {
            for (FaultKind<?> kind : ServiceLoader.load(FaultKind.class, loader)) {
                kinds.add(kind);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a fault kind plugin cannot be loaded: " + e.getMessage()
                + "; fix or remove the jar that lists it in META-INF/services/" + FaultKind.class.getName(), e);
        }
        return new FaultKinds(kinds);
    }

    /** Every kind: core's in a fixed order, then the plugins'. */
    public List<FaultKind<?>> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public Optional<FaultKind<?>> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The kind of {@code fault}'s record. */
    @SuppressWarnings("unchecked")
    public <F extends Fault<?>> FaultKind<F> of(F fault) {
        FaultKind<?> kind = byType.get(fault.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("fault [" + fault + "] (" + fault.getClass().getName() + ") has no fault kind"
                + " on the class path; list its FaultKind in META-INF/services/" + FaultKind.class.getName());
        }
        return (FaultKind<F>) kind;
    }

    /** {@link FaultKind#describe} of {@code fault}'s kind. */
    public <F extends Fault<?>> String describe(F fault) {
        return of(fault).describe(fault);
    }

    /** {@link FaultKind#effect} of {@code fault}'s kind. */
    public <F extends Fault<?>> String effect(F fault) {
        return of(fault).effect(fault);
    }

    /** {@link FaultKind#write} of {@code fault}'s kind. */
    public <F extends Fault<?>> Map<String, Object> write(F fault) {
        return of(fault).write(fault);
    }

    /** {@link FaultKind#validate} of {@code fault}'s kind. */
    public <F extends Fault<?>> void validate(F fault, ParamChecks checks) {
        of(fault).validate(fault, checks);
    }
}
