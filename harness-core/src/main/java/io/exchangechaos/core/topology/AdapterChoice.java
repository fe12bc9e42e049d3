package io.exchangechaos.core.topology;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.yaml.Location;
import io.exchangechaos.core.yaml.Problem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exchange adapter a topology names ({@code adapter:}, default {@value Adapters#DEFAULT}), the configuration it is
 * handed ({@code adapterConfig:}), and where the name was written, so that a name no jar provides is reported there.
 *
 * @param config as YAML read it: text, numbers, booleans, lists and mappings; values may be null
 * @param file   the topology file's name as loaded, or empty
 */
public record AdapterChoice(String name, Map<String, Object> config, String file, Location location) {

    public AdapterChoice {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        file = file == null ? "" : file;
    }

    /** The default adapter with no configuration. */
    public static AdapterChoice byDefault() {
        return new AdapterChoice(Adapters.DEFAULT, Map.of(), "", Location.UNKNOWN);
    }

    /** A problem with the adapter's name, located where the topology wrote it: {@code file:line:col: adapter [x]: …}. */
    public Problem problem(String message) {
        return new Problem(file, location.line(), location.column(), "adapter", name, message);
    }

    /** A problem with the adapter's configuration, located at {@code adapterConfig}. */
    public Problem configProblem(String message) {
        return new Problem(file, location.line(), location.column(), "adapterConfig", "", message);
    }
}
