package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    @Test
    void everyOptionReachesTheRunnersOptions() throws Exception {
        // a real Toxiproxy-compatible server: --toxiproxy is asked for its version before anything starts
        try (ToxiproxyServer toxiproxy = ToxiproxyServer.start("127.0.0.1", 0)) {
            everyOptionReachesTheRunnersOptions(URI.create(toxiproxy.apiUrl()));
        }
    }

    private void everyOptionReachesTheRunnersOptions(URI toxiproxy) {
        RunFlags f = new RunFlags();
        f.topology = "single-region";
        f.weakness = "no-dns-cache";
        f.out = "build/runs";
        f.seed = "42";
        f.rate = "150/s";
        f.duration = "2m";
        f.toxiproxy = toxiproxy.toString();
        List<String> problems = new ArrayList<>();

        RunOptions o = RunSettings.check(f, problems).runOptions();

        assertThat(problems).isEmpty();
        assertThat(o.topology()).contains(TopologyRef.of("single-region"));
        assertThat(o.weakness()).contains(Weakness.NO_DNS_CACHE);
        assertThat(o.outRoot()).isEqualTo(Path.of("build/runs"));
        assertThat(o.seed()).hasValue(42);
        assertThat(o.rate()).hasValue(150.0);
        assertThat(o.duration()).contains(Duration.ofMinutes(2));
        assertThat(o.toxiproxy()).contains(toxiproxy);
        assertThat(o.backend()).isEqualTo("local");
    }

    @Test
    void aTopologyPathIsTheWorkingDirectorysNotTheScenarios() {
        RunFlags f = new RunFlags();
        f.topology = "src/test/resources/remote/remote-example.yaml";

        RunOptions o = RunSettings.check(f, new ArrayList<>()).runOptions();

        assertThat(o.topology().orElseThrow().spec())
            .isEqualTo(Path.of("src/test/resources/remote/remote-example.yaml").toAbsolutePath().toString());
    }

    @Test
    void withoutOptionsTheScenarioDecides() {
        RunOptions o = RunSettings.check(new RunFlags(), new ArrayList<>()).runOptions();

        assertThat(o.topology()).isEmpty();
        assertThat(o.weakness()).isEmpty();
        assertThat(o.seed()).isEmpty();
        assertThat(o.outRoot()).isEqualTo(Path.of("target/chaos-runs"));
    }
}
