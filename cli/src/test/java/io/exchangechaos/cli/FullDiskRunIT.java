package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real {@code ./chaos run} whose {@code --out} is a 2 MB file system (a tmpfs mounted for the test: CI runs as root):
 * the stack's logs and data fill it. The run must say which path is full, heal and stop everything, print its
 * verdict and exit 3 — no stack trace, and no truncated report.json passing for a report.
 */
class FullDiskRunIT {

    @Test
    void aFullDiskEndsTheRunInconclusiveNamingThePath() throws Exception {
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/full-disk-it"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path small = Files.createDirectories(work.resolve("small"));
        Path scenario = Path.of(getClass().getClassLoader().getResource("hang/link-latency.yaml").toURI());
        sh("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString());
        try (RunningChaos run = RunningChaos.start(work, Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home),
            List.of("run", scenario.toString(), "--out", small.toString()))) {
            // WHEN the run's directory fills up
            int exit = run.awaitExit(Duration.ofMinutes(5));
            String printed = run.printed();
            System.out.println(printed);

            // THEN it names the full file system, prints its verdict and exits 3, without a stack trace
            assertThat(exit).as(printed).isEqualTo(3);
            assertThat(printed).containsPattern("Verdict: INCONCLUSIVE \\(link-latency, exit 3\\)")
                .contains("the file system holding the run directory [" + small)
                .contains("is full (")
                .doesNotContain("the harness failed").doesNotContain("\tat ");
            Matcher runDir = Pattern.compile("(?m)^Run dir: (.+)$").matcher(printed);
            assertThat(runDir.find()).as(printed).isTrue();
            Path dir = work.resolve(runDir.group(1));
            // AND a report.json, if there is one, is whole
            if (Files.exists(dir.resolve("report.json"))) {
                assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("verdict").asText())
                    .isEqualTo("INCONCLUSIVE");
            }
            // AND nothing is left in force or running
            assertThat(new FaultLedger(home.resolve(".exchange-chaos/ledger.jsonl")).unhealed()).isEmpty();
            assertThat(processesMentioning(small.toString())).isEmpty();
        } finally {
            sh("umount", "-l", small.toString());
        }
    }

    private static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static List<String> processesMentioning(String text) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains(text) && !cmd.contains("surefire") && !cmd.contains("failsafe")) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (java.io.IOException gone) {
                    // exited while listing
                }
            }
        }
        return found;
    }
}
