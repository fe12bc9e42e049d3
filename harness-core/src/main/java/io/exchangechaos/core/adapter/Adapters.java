package io.exchangechaos.core.adapter;

import io.exchangechaos.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds an adapter by name among those on the class path. */
public final class Adapters {
    public static final String DEFAULT = "staged-rest";

    private Adapters() {
    }

    /**
     * The adapter a run on {@code topology} goes through: today always {@link #DEFAULT} (issue #21's topology
     * {@code adapter:} key chooses it).
     */
    public static ExchangeAdapter forTopology(Topology topology) {
        return named(DEFAULT);
    }

    public static ExchangeAdapter named(String name) {
        List<String> known = new ArrayList<>();
        for (ExchangeAdapter a : ServiceLoader.load(ExchangeAdapter.class)) {
            if (a.name().equals(name)) {
                return a;
            }
            known.add(a.name());
        }
        throw new IllegalArgumentException("No ExchangeAdapter named [" + name + "] on the class path; known: " + known
            + ". Register yours in META-INF/services/" + ExchangeAdapter.class.getName());
    }
}
