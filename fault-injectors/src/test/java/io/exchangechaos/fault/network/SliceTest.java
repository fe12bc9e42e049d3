package io.exchangechaos.fault.network;

import static io.exchangechaos.core.scenario.ScenarioDsl.at;
import static io.exchangechaos.core.scenario.ScenarioDsl.link;
import static io.exchangechaos.fault.network.SliceDsl.slice;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.ScenarioYaml;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code slice} fault, added in this module alone (its record, kind, DSL, injector; the remove-toxics recipe
 * reused): a scenario naming it validates, is written back as it was read, and runs through the real embedded
 * Toxiproxy-compatible server, where its toxics are seen while it is in force and gone once it heals.
 */
class SliceTest {
    private static final String YAML = """
        name: fix-parser-under-slicing
        target: {topology: multi-region}
        load: {rate: 50/s, duration: 60s}
        timeline:
          - {at: 10s, fault: slice, target: {link: client-gateway-r1}, duration: 20s, params: {averageSize: 8, sizeVariation: 4, delay: 2ms}}
        """;

    @TempDir
    Path dir;

    @Test
    void aScenarioNamingSliceValidatesAndIsWrittenBackAsItWasRead() {
        Scenario read = Scenarios.parse(YAML, "slice.yaml");

        TimelineStep step = read.timeline().get(0);
        assertThat(step).isEqualTo(at(ofSeconds(10)).inject(slice(8).sizeVariation(4).delay(ofMillis(2)))
            .on(link("client-gateway-r1")).lasting(ofSeconds(20)));
        assertThat(step.name()).isEqualTo("slice {link: client-gateway-r1}");
        assertThat(Scenarios.parse(ScenarioYaml.write(read), "written.yaml")).isEqualTo(read);
        assertThat(ScenarioYaml.write(read)).contains("fault: slice").contains("averageSize: 8").contains("sizeVariation: 4")
            .contains("delay: 2ms");
        assertThat(FaultKinds.registered().describe(step.fault())).isEqualTo("slice 8 B ±4 B every 2ms");
    }

    @Test
    void badParamsAreReportedWhereTheyAreWritten() {
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class, () -> Scenarios.parse(
            YAML.replace("{averageSize: 8, sizeVariation: 4, delay: 2ms}", "{averageSize: 4, sizeVariation: 4, dealy: 2ms}"),
            "slice.yaml"));

        assertThat(e.getMessage()).isEqualTo("""
            slice.yaml:5:119: timeline[0].params.sizeVariation [4]: not less than averageSize [4], which would make empty segments; lower it
            slice.yaml:5:122: timeline[0].params.dealy: unknown key; use one of averageSize, sizeVariation, delay""");
    }

    @Test
    void itRunsThroughTheEmbeddedProxyAndHealsLikeEveryToxic() throws Exception {
        Topology topology = Topologies.load(Topologies.MULTI_REGION);
        try (ToxiproxyServer server = ToxiproxyServer.start()) {
            ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
            for (Link l : topology.links()) {
                client.createProxy(l.name(), "127.0.0.1:0", "127.0.0.1:9");
            }
            FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
            FaultExecutor executor = new FaultExecutor(new ProxiedStack(topology, server.apiUrl()), FaultRecorder.using(ledger), dir);
            TimelineStep step = Scenarios.parse(YAML, "slice.yaml").timeline().get(0);

            // WHEN the step is injected
            ActiveStep active = executor.inject(step);

            // THEN the proxy holds a slicer each way, as the step says, and the ledger can heal it without this process
            assertThat(active.type()).isEqualTo("slice");
            assertThat(active.target()).isEqualTo("links [client-gateway-r1]");
            List<? extends Toxic> toxics = client.getProxy("client-gateway-r1").toxics().getAll();
            assertThat(toxics).hasSize(2).allSatisfy(t -> {
                assertThat(t).isInstanceOf(Slicer.class);
                Slicer slicer = (Slicer) t;
                assertThat(slicer.getAverageSize()).isEqualTo(8);
                assertThat(slicer.getSizeVariation()).isEqualTo(4);
                assertThat(slicer.getDelay()).as("microseconds").isEqualTo(2_000);
            });
            assertThat(toxics).extracting(Toxic::getName).allMatch(n -> n.matches("chaos-f-\\p{XDigit}{12}-(up|down)"));
            assertThat(ledger.unhealed()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("network.slice");
                assertThat(e.heal()).isInstanceOf(NetworkRecipes.RemoveToxics.class);
            });
            assertThat(client.getProxies()).filteredOn(p -> !p.getName().equals("client-gateway-r1"))
                .allSatisfy(p -> assertThat(p.toxics().getAll()).isEmpty());

            // WHEN it heals THEN nothing is left, on the proxy or in the ledger
            active.heal();
            assertThat(client.getProxy("client-gateway-r1").toxics().getAll()).isEmpty();
            assertThat(ledger.unhealed()).isEmpty();
        }
    }

    /** The multi-region topology whose links are all proxied by one server; nothing else of it runs. */
    private record ProxiedStack(Topology topology, String api) implements Stack, ProxyApis {
        @Override
        public String backend() {
            return "local";
        }

        @Override
        public String proxyApi(String link) {
            return api;
        }

        @Override
        public <T> Optional<T> facet(Class<T> type) {
            return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
        }

        @Override
        public List<URI> entrypoints() {
            throw new AssertionError("entrypoints asked");
        }

        @Override
        public List<URI> replicas() {
            throw new AssertionError("replicas asked");
        }

        @Override
        public URI serviceUrl(String service) {
            throw new AssertionError("service asked");
        }

        @Override
        public Optional<String> leaderService() {
            throw new AssertionError("leader asked");
        }

        @Override
        public void close() {
        }
    }
}
