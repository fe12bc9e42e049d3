package io.exchangechaos.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.adapter.AdapterInfo;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyDefinitionException;
import io.exchangechaos.core.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
    private static final Path SINGLE_REGION = Path.of("../exchange-stack/topologies/single-region.yaml");

    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void aUsersAdapterJar() throws IOException {
        jar = AdapterJar.write(dir.resolve("lib"), "acme", "1.4.2", List.of("ACME", "GLOBEX"));
    }

    @Test
    void anAdapterInAPluginJarIsFoundThroughItsLoaderWithItsJarAndVersion() {
        // GIVEN the harness's class path, which has no adapter called acme
        assertThat(Adapters.find("acme")).isEmpty();
        assertThat(Adapters.unknown("acme")).isEqualTo("unknown adapter; known: staged-rest; add its jar to plugins: or --plugins");

        // WHEN the jar's directory is loaded as plugins
        Plugins plugins = Plugins.of(List.of(dir.resolve("lib")), getClass().getClassLoader());

        // THEN the adapter is found through them, and says where it came from
        ExchangeAdapter acme = plugins.with(() -> Adapters.find("acme")).orElseThrow();
        assertThat(plugins.jars()).containsExactly(jar.toAbsolutePath());
        assertThat(AdapterInfo.of(acme)).isEqualTo(new AdapterInfo("acme", "1.4.2", jar.toAbsolutePath().toString()));
        assertThat(plugins.with(Adapters::names)).containsExactly("staged-rest", "acme");
        assertThat(Plugins.origin(Adapters.named("staged-rest").getClass()).jar()).isEqualTo(Plugins.BUILT_IN);
        // the same jars over the same parent are one loader, so registries cached per loader stay cached
        assertThat(Plugins.of(List.of(jar), getClass().getClassLoader()).loader()).isSameAs(plugins.loader());
    }

    @Test
    void aTopologyNamesItsAdapterItsConfigurationAndItsPluginsRelativeToItself() throws IOException {
        // GIVEN a topology next to lib/acme.jar that picks acme and configures it
        Path topology = topology("acme", "[lib]", "{apiKey: s3cr3t-k3y-v4lue, venue: {region: eu, shards: 4}}");

        // WHEN it is loaded
        Topology t = Topologies.load(topology);

        // THEN the plugin path is resolved against the file, and the configuration is plain values
        assertThat(t.plugins()).containsExactly(dir.resolve("lib").normalize());
        assertThat(t.adapter().name()).isEqualTo("acme");
        assertThat(t.adapter().config()).isEqualTo(Map.of("apiKey", "s3cr3t-k3y-v4lue", "venue", Map.of("region", "eu", "shards", 4L)));
    }

    @Test
    void anAdapterNoJarProvidesIsALocatedProblemOfTheTopology() throws IOException {
        // GIVEN a topology naming an adapter that neither the class path nor its plugins have
        Path topology = topology("nasdaq-ouch", "[lib]", "{}");

        // WHEN it is loaded THEN the problem points at the adapter's name and says how to fix it
        assertThatThrownBy(() -> Topologies.load(topology)).isInstanceOf(TopologyDefinitionException.class)
            .extracting(e -> ((TopologyDefinitionException) e).problems().stream().map(Problem::toString).toList())
            .asList().containsExactly("topology-nasdaq-ouch.yaml:1:10: adapter [nasdaq-ouch]: unknown adapter; known:"
                + " staged-rest, acme; add its jar to plugins: or --plugins");
    }

    @Test
    void aScenarioWithoutSymbolsTradesTheAdaptersAndItsSymbolsAreCheckedByTheAdapter() throws IOException {
        topology("acme", "[lib]", "{}");
        // GIVEN scenarios on the acme topology: one naming equity symbols, one naming none, one a symbol acme refuses
        Scenario equities = Scenarios.load(scenario("equities", "topology-acme.yaml", "  symbols: [ACME, GLOBEX]\n"));
        Scenario none = Scenarios.load(scenario("none", "topology-acme.yaml", ""));

        // THEN ACME is a symbol for acme, and no symbols means the adapter's
        assertThat(equities.load().symbols()).containsExactly("ACME", "GLOBEX");
        assertThat(none.load().symbols()).isEmpty();
        assertThatThrownBy(() -> Scenarios.load(scenario("lower", "topology-acme.yaml", "  symbols: [acme]\n")))
            .isInstanceOf(ScenarioDefinitionException.class)
            .hasMessageContaining("lower.yaml:9:13: load.symbols[0] [acme]: not a ticker; write capitals, e.g. ACME");

        // AND the staged exchange's adapter keeps its rule
        Path staged = Files.copy(SINGLE_REGION, dir.resolve("staged.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> Scenarios.load(scenario("acme-on-staged", staged.getFileName().toString(), "  symbols: [ACME]\n")))
            .isInstanceOf(ScenarioDefinitionException.class)
            .hasMessageContaining("acme-on-staged.yaml:9:13: load.symbols[0] [ACME]: not a symbol; write BASE-QUOTE in"
                + " capitals, e.g. BTC-USD");
    }

    @Test
    void aMissingPluginPathIsALocatedProblemOfTheTopology() throws IOException {
        Path topology = topology("acme", "[lib, plugins/missing.jar]", "{}");

        assertThatThrownBy(() -> Topologies.load(topology)).isInstanceOf(TopologyDefinitionException.class)
            .extracting(e -> ((TopologyDefinitionException) e).problems().stream().map(Problem::toString).toList())
            .asList().containsExactly("topology-acme.yaml:2:16: plugins[1] [plugins/missing.jar]: no such file or"
                + " directory; give a plugin jar or a directory of jars (paths are relative to this topology file)");
    }

    private static Path topology(String adapter, String plugins, String config) throws IOException {
        String yaml = "adapter: " + adapter + "\nplugins: " + plugins + "\nadapterConfig: " + config + "\n"
            + Files.readString(SINGLE_REGION);
        return Files.writeString(dir.resolve("topology-" + adapter + ".yaml"), yaml);
    }

    private static Path scenario(String name, String topology, String symbols) throws IOException {
        String yaml = "name: " + name + "\n"
            + "target:\n"
            + "  topology: " + topology + "\n"
            + "load:\n"
            + "  rate: 50/s\n"
            + "  rampUp: 0s\n"
            + "  duration: 20s\n"
            + "  mix: {limit: 0.7, market: 0.1, cancel: 0.2}\n"
            + symbols
            + "invariants: [no-lost-acked-orders]\n";
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }
}
