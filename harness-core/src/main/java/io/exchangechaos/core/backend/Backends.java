package io.exchangechaos.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The backends on the class path ({@link java.util.ServiceLoader}), by name. */
public final class Backends {

    private Backends() {
    }

    /** Every backend on the class path, in the order their jars list them. */
    public static List<Backend> all() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Backend> backends = new ArrayList<>();
        try {
            ServiceLoader.load(Backend.class, loader == null ? Backends.class.getClassLoader() : loader).forEach(backends::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a backend plugin cannot be loaded: " + e.getMessage()
                + "; fix or remove the jar that lists it in META-INF/services/" + Backend.class.getName(), e);
        }
        return List.copyOf(backends);
    }

    /**
     * The backend called {@code name}.
     *
     * @throws IllegalArgumentException naming the backends there are, or the artifact to add when there are none
     */
    public static Backend named(String name) {
        List<Backend> all = all();
        for (Backend b : all) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no backend on the class path, so no stack can start: add the artifact"
                + " io.exchangechaos:backends (local processes and containers) to the class path");
        }
        throw new IllegalArgumentException("no backend [" + name + "] on the class path; backends: "
            + all.stream().map(Backend::name).toList() + ". A backend of your own is listed in META-INF/services/"
            + Backend.class.getName());
    }
}
