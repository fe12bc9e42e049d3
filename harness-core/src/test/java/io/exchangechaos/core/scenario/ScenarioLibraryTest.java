package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.topology.Topologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLibraryTest {

    static final Path LIBRARY = Path.of("../scenarios/src/main/resources/scenarios");

    private static final List<String> CONTRACT_NAMES = List.of("bad-config-push", "dependency-latency", "dns-empty-record",
            "leader-flapping", "recovery-herd", "region-blackhole", "region-loss", "region-partition", "wan-degradation");

    @Test
    void theLibraryScenariosLoadAndValidateAgainstMultiRegion() throws IOException {
        // GIVEN the scenario library
        List<Path> files;
        try (var list = Files.list(LIBRARY)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }

        // WHEN each is loaded (which validates it against the topology it names)
        List<Scenario> scenarios = files.stream().map(Scenarios::load).toList();

        // THEN they are the ones of the contract, each named like its file, against multi-region, with an incident
        assertThat(scenarios).extracting(Scenario::name).containsExactlyElementsOf(CONTRACT_NAMES);
        for (int i = 0; i < files.size(); i++) {
            Scenario s = scenarios.get(i);
            assertThat(files.get(i).getFileName().toString()).isEqualTo(s.name() + ".yaml");
            assertThat(s.target().topology()).isEqualTo(Topologies.MULTI_REGION);
            assertThat(s.incident()).isNotBlank();
            assertThat(s.description()).isNotBlank();
            assertThat(s.timeline()).isNotEmpty();
            assertThat(s.load().rate().perSecond()).isBetween(50.0, 200.0);
            // long enough for a baseline, a fault window and a recovery; short enough for a matrix cell of ≤ 75 s
            assertThat(s.load().duration().toSeconds()).isBetween(30L, 60L);
        }
    }
}
