package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exchangechaos.core.scenario.FaultTarget.ForLink;
import io.exchangechaos.core.yaml.Suggestions;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of fault kinds: core's own in a fixed order, a plugin's found through its service file. */
class FaultKindsTest {
    @TempDir
    Path dir;

    /** A plugin's fault: its record, implementing core's open {@link Fault}. */
    record Jitter(Duration spread) implements Fault<ForLink> {
    }

    /** A plugin's kind, listed in a service file the tests write. */
    public static final class JitterKind implements FaultKind<Jitter> {
        @Override
        public String id() {
            return "jitter";
        }

        @Override
        public Class<Jitter> type() {
            return Jitter.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public List<String> params() {
            return List.of("spread");
        }

        @Override
        public Jitter read(FaultParams params) {
            params.require("spread", "spread: 20ms");
            return new Jitter(params.duration("spread", "spread: 20ms").orElse(null));
        }
    }

    /** Another plugin claiming core's {@code latency}. */
    public static final class ClashingKind implements FaultKind<Jitter> {
        @Override
        public String id() {
            return "latency";
        }

        @Override
        public Class<Jitter> type() {
            return Jitter.class;
        }

        @Override
        public TargetFamily family() {
            return TargetFamily.LINKS;
        }

        @Override
        public Jitter read(FaultParams params) {
            return new Jitter(Duration.ZERO);
        }
    }

    @Test
    void coreRegistersItsOwnKindsInAFixedOrder() {
        assertThat(FaultKinds.registered().ids()).startsWith("kill", "terminate", "freeze", "restart", "latency", "bandwidth",
            "blackhole", "reset", "partition", "slow-close", "dns", "dependency", "config-push");
        assertThat(FaultKinds.registered().of(new Fault.SlowClose(Duration.ofSeconds(1))).id()).isEqualTo("slow-close");
        assertThat(FaultKinds.registered().byId("restart").orElseThrow().instantaneous()).isTrue();
    }

    @Test
    void aPluginKindIsFoundThroughItsServiceFile() throws Exception {
        // GIVEN a jar (here a directory) listing a kind in META-INF/services
        FaultKinds kinds = FaultKinds.load(pluginLoader(JitterKind.class));

        // THEN the registry has core's kinds and the plugin's, which reads, names and suggests like core's
        assertThat(kinds.ids()).contains("latency").endsWith("jitter");
        assertThat(kinds.byId("jitter")).get().isInstanceOf(JitterKind.class);
        assertThat(kinds.of(new Jitter(Duration.ofMillis(20))).id()).isEqualTo("jitter");
        assertThat(kinds.describe(new Jitter(Duration.ofMillis(20)))).isEqualTo("jitter");
        assertThat(Suggestions.fix("jiter", kinds.ids())).isEqualTo("did you mean jitter?");
        assertThat(ScenarioSchema.generate(kinds)).contains("\"const\" : \"jitter\"");
    }

    @Test
    void anUnknownKindGetsASuggestion() {
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class, () -> Scenarios.parse("""
            name: a
            target: {topology: multi-region}
            load: {rate: 10/s, duration: 30s}
            timeline:
              - {at: 5s, fault: latncy, target: {links: wan}, params: {latency: 100ms}}
            """, "a.yaml"));

        assertThat(e.getMessage()).isEqualTo("a.yaml:5:21: timeline[0].fault [latncy]: not a fault type; did you mean latency?");
    }

    @Test
    void aFaultWithoutAKindSaysWhatToRegister() {
        assertThatThrownBy(() -> FaultKinds.registered().of(new Jitter(Duration.ZERO)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("fault [Jitter[spread=PT0S]] (" + Jitter.class.getName() + ") has no fault kind on the class path;"
                + " list its FaultKind in META-INF/services/io.exchangechaos.core.scenario.FaultKind");
    }

    @Test
    void twoKindsClaimingOneIdAreRefused() throws Exception {
        assertThatThrownBy(() -> FaultKinds.load(pluginLoader(ClashingKind.class)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("both claim [latency]").hasMessageContaining(ClashingKind.class.getName());
    }

    /** A class loader that sees the test classes and a service file listing {@code kind}. */
    private ClassLoader pluginLoader(Class<?> kind) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(FaultKind.class.getName()), kind.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, FaultKindsTest.class.getClassLoader());
    }
}
