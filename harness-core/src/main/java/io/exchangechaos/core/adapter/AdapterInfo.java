package io.exchangechaos.core.adapter;

import io.exchangechaos.core.plugin.Plugins;

/**
 * Which adapter a run drives the exchange through, as the plan and the report say it.
 *
 * @param version the {@code Implementation-Version} of its jar, else {@value Plugins#UNKNOWN_VERSION}
 * @param jar     the plugin jar it came from, or {@value Plugins#BUILT_IN}
 */
public record AdapterInfo(String name, String version, String jar) {

    public static AdapterInfo of(ExchangeAdapter adapter) {
        Plugins.Origin origin = Plugins.origin(adapter.getClass());
        return new AdapterInfo(adapter.name(), origin.version(), origin.jar());
    }

    /** {@code staged-rest 0.1.0 (built in)}. */
    @Override
    public String toString() {
        return name + " " + version + " (" + jar + ")";
    }
}
