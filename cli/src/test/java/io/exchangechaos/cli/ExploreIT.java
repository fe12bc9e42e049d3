package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./chaos explore} for real, kept short for CI (12 s loads, four runs in all): with acknowledgements sent
 * before replication it finds a failing schedule and shrinks it to one step, whose scenario file FAILs on its own;
 * the hardened exchange passes the same schedule. Seed 19's first schedule with {@code --faults kill} is
 * "kill {service: leader} at 2s for 2s; kill {service: config} at 7s for 1s" (ExplorerTest pins it).
 */
class ExploreIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsShrinksAndWritesAScenarioThatFailsAloneAndTheHardenedStackPasses() throws Exception {
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/it-work/explore"));

        // WHEN exploring the weak stack: two schedules at most, one shrink run
        Path out = work.resolve("weak");
        Launcher.Result r = Launcher.chaos(work, Map.of(), Duration.ofMinutes(4), "explore",
            "--weakness", "ack-before-replication", "--seed", "19", "--runs", "2", "--time", "12s", "--faults", "kill",
            "--shrink-runs", "1", "--out", out.toString());

        // THEN a failure of no-lost-acked-orders is found and shrunk to a single step
        String printed = r.out() + r.err();
        System.out.println(printed);
        assertThat(r.exit()).as(printed).isEqualTo(1);
        Matcher scenarioLine = Pattern.compile("(?m)^Scenario: (.+)$").matcher(r.out());
        assertThat(scenarioLine.find()).as(printed).isTrue();
        Path file = work.resolve(scenarioLine.group(1));
        Scenario minimal = Scenarios.load(file);
        assertThat(minimal.timeline()).as(Files.readString(file)).hasSize(1);
        assertThat(minimal.name()).isEqualTo("explored-seed-19");
        assertThat(minimal.description()).contains("seed 19").contains("fails the check no-lost-acked-orders")
            .contains("./chaos explore --seed 19 --runs 2 --time 12s --weakness ack-before-replication --faults kill --shrink-runs 1");
        assertThat(minimal.target().weakness().id()).isEqualTo("ack-before-replication");

        // AND next to it, the run that proves it failed that check, and the summary says how it got there
        Path dir = file.getParent();
        JsonNode proof = JSON.readTree(dir.resolve("proof").resolve("report.json").toFile());
        assertThat(proof.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(failedInvariants(proof)).contains("no-lost-acked-orders");
        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("Reproduce: `./chaos explore --seed 19")
            .contains("| schedule ")
            .contains("## Shrink path")
            .containsPattern("Minimal schedule \\(1 step\\), failing `no-lost-acked-orders`");

        // WHEN the written scenario runs on its own
        Launcher.Result alone = Launcher.chaos(work, Map.of(), Duration.ofMinutes(3), "run", file.toString(),
            "--out", work.resolve("alone").toString());

        // THEN it fails the same check
        assertThat(alone.exit()).as(alone.out() + alone.err()).isEqualTo(1);
        Matcher runDir = Pattern.compile("(?m)^Run dir: (.+)$").matcher(alone.out());
        assertThat(runDir.find()).as(alone.out()).isTrue();
        assertThat(failedInvariants(JSON.readTree(work.resolve(runDir.group(1)).resolve("report.json").toFile())))
            .contains("no-lost-acked-orders");

        // WHEN the hardened stack is explored with the same seed
        Launcher.Result hardened = Launcher.chaos(work, Map.of(), Duration.ofMinutes(3), "explore",
            "--seed", "19", "--runs", "1", "--time", "12s", "--faults", "kill", "--out", work.resolve("hardened").toString());

        // THEN nothing is found
        assertThat(hardened.exit()).as(hardened.out() + hardened.err()).isEqualTo(0);
        assertThat(hardened.out()).contains("Nothing found: 1 schedule(s) tried, no failure");
    }

    private static List<String> failedInvariants(JsonNode report) {
        List<String> failed = new ArrayList<>();
        report.path("invariants").forEach(i -> {
            if (i.path("verdict").asText().equals("FAIL")) {
                failed.add(i.path("name").asText());
            }
        });
        return failed;
    }
}
