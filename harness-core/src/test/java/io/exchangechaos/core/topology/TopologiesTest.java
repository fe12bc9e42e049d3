package io.exchangechaos.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exchangechaos.core.yaml.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopologiesTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/invalid-topologies");

    @Test
    void multiRegionHasThreeRegionsWithAnEngineAndAGatewayEach() {
        // WHEN the multi-region topology is loaded
        Topology t = Topologies.load(Topologies.MULTI_REGION);

        // THEN its parts and lookups are as in the file
        assertThat(t.name()).isEqualTo("multi-region");
        assertThat(t.regions()).containsExactly("r1", "r2", "r3");
        assertThat(t.dns()).isEqualTo(new DnsServer(new HostPort("127.0.0.53", 10053), Duration.ofSeconds(5)));
        assertThat(t.services(ServiceKind.ENGINE)).extracting(Service::name).containsExactly("engine-r1", "engine-r2", "engine-r3");
        assertThat(t.servicesIn("r2")).extracting(Service::name).containsExactly("engine-r2", "gateway-r2");
        assertThat(t.regionOf("credit-check")).isEqualTo("global");
        assertThat(t.linksInto("engine-r1")).extracting(Link::name).containsExactly("gateways-engine-r1", "replication-r1");
        assertThat(t.wanLinks()).extracting(Link::name).containsExactly("replication-r1", "replication-r2", "replication-r3");
        assertThat(t.linksIntoRegion("r3")).extracting(Link::name)
                .containsExactly("gateways-engine-r3", "replication-r3", "client-gateway-r3");
        assertThat(t.entrypointLinks()).extracting(Link::listen).containsExactly(
                new HostPort("127.0.1.11", 8080), new HostPort("127.0.2.11", 8080), new HostPort("127.0.3.11", 8080));
        assertThat(t.recordsMatching("engine.*.exchange.test")).hasSize(3);
        assertThat(t.link("replication-r2").orElseThrow().upstream()).isEqualTo(new HostPort("127.0.2.20", 9191));
        assertThat(t.service("engine-r1").orElseThrow().start()).contains("${java}", "${weakness}");
    }

    @Test
    void aServiceMayNameItsOwnImageForTheDockerBackend() throws IOException {
        // GIVEN multi-region with the gateway of r1 in a user's own image
        String yaml = Files.readString(Path.of("../exchange-stack/topologies/multi-region.yaml")).replace(
            "  - name: gateway-r1\n", "  - name: gateway-r1\n    image: registry.example.com/exchange/gateway:1.4.2\n");

        // WHEN it is read
        Topology t = Topologies.parse(yaml, "own-images.yaml", Path.of("../exchange-stack/topologies"));

        // THEN that service carries the image and the others run in the harness-built stack image
        assertThat(t.service("gateway-r1").orElseThrow().image()).contains("registry.example.com/exchange/gateway:1.4.2");
        assertThat(t.service("gateway-r2").orElseThrow().image()).isEmpty();
    }

    @Test
    void singleRegionIsARaftGroupOfOne() {
        // WHEN the single-region topology is loaded
        Topology t = Topologies.load(Topologies.SINGLE_REGION);

        // THEN there is one engine whose only peer is itself, and one gateway that knows only it
        assertThat(t.regions()).containsExactly("r1");
        assertThat(t.services()).extracting(Service::name).containsExactly("config", "credit-check", "engine-r1", "gateway-r1");
        assertThat(t.service("engine-r1").orElseThrow().start()).containsSubsequence("--peers", "r1=127.0.1.21:9191");
        assertThat(t.service("gateway-r1").orElseThrow().start()).containsSubsequence("--engines", "engine.r1.exchange.test:9090");
        assertThat(t.wanLinks()).isEmpty();
        assertThat(t.entrypoints()).containsExactly("client-gateway-r1");
    }

    @Test
    void theSharedFailureDomainWeaknessPutsEveryEngineInR1() {
        // GIVEN multi-region, which names a topology for the weakness
        Path multiRegion = Topologies.resolve(Topologies.MULTI_REGION, null);
        assertThat(Topologies.load(multiRegion).variantFor(Weakness.SHARED_FAILURE_DOMAIN)).isPresent();

        // WHEN it is loaded with that weakness
        Topology t = Topologies.load(multiRegion, Weakness.SHARED_FAILURE_DOMAIN);

        // THEN all three replicas are in r1, behind one name, and gateways in every region use it
        assertThat(t.name()).isEqualTo("multi-region-shared-failure-domain");
        assertThat(t.services(ServiceKind.ENGINE)).extracting(Service::name, Service::region).containsExactly(
                org.assertj.core.groups.Tuple.tuple("engine-r1a", "r1"), org.assertj.core.groups.Tuple.tuple("engine-r1b", "r1"),
                org.assertj.core.groups.Tuple.tuple("engine-r1c", "r1"));
        assertThat(t.services(ServiceKind.ENGINE)).extracting(s -> s.listen().host())
                .containsExactly("127.0.1.20", "127.0.1.22", "127.0.1.24");
        assertThat(t.records()).containsExactly(new DnsRecord("engine.r1.exchange.test",
                List.of("127.0.1.21", "127.0.1.23", "127.0.1.25")));
        assertThat(t.services(ServiceKind.GATEWAY)).extracting(Service::region).containsExactly("r1", "r2", "r3");
        assertThat(t.service("engine-r1b").orElseThrow().start()).containsSubsequence("--id", "r1b")
                .contains("r1a=127.0.1.21:9191,r1b=127.0.1.23:9191,r1c=127.0.1.25:9191");
        // a weakness that does not change the topology keeps the file itself
        assertThat(Topologies.load(multiRegion, Weakness.NO_DNS_CACHE).name()).isEqualTo("multi-region");
    }

    @Test
    void aStartCommandGetsItsPlaceholdersSubstituted() {
        // GIVEN the engine's start command
        Service engine = Topologies.load(Topologies.SINGLE_REGION).service("engine-r1").orElseThrow();

        // WHEN every placeholder has a value
        List<String> command = engine.command(Map.of("java", "/usr/bin/java", "stack.classpath", "a.jar:b.jar",
                "runDir", "/tmp/run", "weakness", "none"));

        // THEN they are replaced, and nothing else changes
        assertThat(engine.placeholders()).containsExactly("java", "runDir", "stack.classpath", "weakness");
        assertThat(command).startsWith("/usr/bin/java", "-Xmx256m").contains("a.jar:b.jar", "/tmp/run/data/engine-r1")
                .endsWith("--weakness", "none");
    }

    @Test
    void aMissingPlaceholderValueFailsNamingIt() {
        Service engine = Topologies.load(Topologies.SINGLE_REGION).service("engine-r1").orElseThrow();

        assertThatThrownBy(() -> engine.command(Map.of("java", "java", "stack.classpath", "cp")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service [engine-r1]: no value for placeholder(s) [[${runDir}], [${weakness}]] in its start command; "
                        + "pass them (known: [java, stack.classpath])");
    }

    @Test
    void durationsParseOnlyWithAUnit() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("90")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("5 sec")).isEmpty();
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    static Stream<String> catalogue() throws IOException {
        return Files.list(CATALOGUE).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void anInvalidTopologyFailsWithExactlyItsExpectedMessages(String name) throws IOException {
        // GIVEN an invalid topology and the messages it must produce
        String expected = Files.readString(CATALOGUE.resolve(name + ".expected")).strip();

        // WHEN it is loaded
        TopologyDefinitionException e = catchThrowableOfType(TopologyDefinitionException.class,
                () -> Topologies.load(CATALOGUE.resolve(name + ".yaml")));

        // THEN every problem is reported, located, exactly
        assertThat(e).as("%s must be rejected", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
    }
}
