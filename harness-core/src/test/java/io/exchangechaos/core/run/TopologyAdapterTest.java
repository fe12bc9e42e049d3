package io.exchangechaos.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.StagedRestAdapter;
import io.exchangechaos.core.plugin.AdapterJar;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.topology.AdapterChoice;
import io.exchangechaos.core.topology.TopologyDefinitionException;
import io.exchangechaos.core.yaml.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner takes the adapter the topology names, through one seam for the staged one and a plugin's. */
class TopologyAdapterTest {

    @TempDir
    Path dir;

    @Test
    void theRunnerTakesTheTopologysAdapterStagedOrPluginConfigured() throws Exception {
        AdapterJar.write(dir, "acme", "1.0.0", List.of("ACME"));
        Plugins plugins = Plugins.of(List.of(dir), getClass().getClassLoader());

        ExchangeAdapter staged = ScenarioRunner.adapter(AdapterChoice.byDefault());
        ExchangeAdapter acme = plugins.with(() -> ScenarioRunner.adapter(
            new AdapterChoice("acme", Map.of("venue", "eu"), "venue.yaml", new Location(1, 10))));

        assertThat(staged).isInstanceOf(StagedRestAdapter.class);
        assertThat(acme.name()).isEqualTo("acme");
        assertThat(acme.getClass().getClassLoader()).isSameAs(plugins.loader());
        assertThat(acme.defaultSymbols()).containsExactly("ACME");
    }

    @Test
    void aConfigurationTheAdapterRefusesIsAProblemOfTheTopology() throws Exception {
        AdapterJar.write(dir, "acme", "1.0.0", List.of("ACME"));
        Plugins plugins = Plugins.of(List.of(dir), getClass().getClassLoader());
        AdapterChoice refused = new AdapterChoice("acme", Map.of("refuse", "yes"), "venue.yaml", new Location(1, 10));

        assertThatThrownBy(() -> plugins.with(() -> ScenarioRunner.adapter(refused)))
            .isInstanceOf(TopologyDefinitionException.class)
            .hasMessage("venue.yaml:1:10: adapterConfig: refuse [yes]: not a setting of this adapter; remove it");
        assertThatThrownBy(() -> ScenarioRunner.adapter(new AdapterChoice("acme", Map.of(), "venue.yaml", new Location(1, 10))))
            .isInstanceOf(TopologyDefinitionException.class)
            .hasMessage("venue.yaml:1:10: adapter [acme]: unknown adapter; known: staged-rest; add its jar to plugins: or --plugins");
    }
}
