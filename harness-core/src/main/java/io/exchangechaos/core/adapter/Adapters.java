package io.exchangechaos.core.adapter;

import io.exchangechaos.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/** Finds an adapter by name among those the thread's context class loader (the harness and its plugins) sees. */
public final class Adapters {
    public static final String DEFAULT = "staged-rest";
    private static final Map<ClassLoader, List<String>> NAMES = new WeakHashMap<>();

    private Adapters() {
    }

    /** A fresh instance of every adapter found, in the order their jars list them. */
    public static List<ExchangeAdapter> all() {
        List<ExchangeAdapter> found = new ArrayList<>();
        try {
            ServiceLoader.load(ExchangeAdapter.class, classLoader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an adapter plugin cannot be loaded: " + e.getMessage()
                + "; fix or remove the jar that lists it in META-INF/services/" + ExchangeAdapter.class.getName(), e);
        }
        return List.copyOf(found);
    }

    /** The names of the adapters found (remembered per class loader: naming them means making one of each). */
    public static List<String> names() {
        ClassLoader loader = classLoader();
        synchronized (NAMES) {
            List<String> known = NAMES.get(loader);
            if (known == null) {
                known = all().stream().map(ExchangeAdapter::name).distinct().toList();
                NAMES.put(loader, known);
            }
            return known;
        }
    }

    /**
     * The adapter a run on {@code topology} goes through: the one its {@code adapter:} names, given its
     * {@code adapterConfig:}; empty when there is none by that name or it refuses its configuration (the topology's
     * reader reports either, located).
     */
    public static Optional<ExchangeAdapter> forTopology(Topology topology) {
        Optional<ExchangeAdapter> found = find(topology.adapter().name());
        try {
            found.ifPresent(a -> a.configure(topology.adapter().config()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return found;
    }

    /** A fresh instance of the adapter called {@code name}, if one is found. */
    public static Optional<ExchangeAdapter> find(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * A fresh instance of the adapter called {@code name}, given its configuration.
     *
     * @throws IllegalArgumentException naming the adapters there are
     */
    public static ExchangeAdapter named(String name, Map<String, Object> config) {
        ExchangeAdapter adapter = find(name).orElseThrow(() -> new IllegalArgumentException(unknown(name)));
        adapter.configure(config);
        return adapter;
    }

    public static ExchangeAdapter named(String name) {
        return named(name, Map.of());
    }

    /** Why {@code name} names no adapter, and how to fix it: {@code unknown adapter; known: …; add its jar …}. */
    public static String unknown(String name) {
        return "unknown adapter; known: " + String.join(", ", names()) + "; add its jar to plugins: or --plugins";
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Adapters.class.getClassLoader();
    }
}
