package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM (a CI job cancelled) and SIGHUP (the terminal gone) on a real {@code ./chaos run}, a second into the
 * steady state: the run ends as Ctrl-C ends it — every fault healed, the report written, ABORTED with exit 3, not the
 * JVM's 143 or 129 — and its reports say only what happened: the steady state was not checked to the end, not that it
 * "did not hold within" its limit.
 */
class SignalRunIT {

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "HUP"})
    void aSignalAbortsTheRunLikeCtrlC(String signal) throws Exception {
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/signal-it-" + signal.toLowerCase()));
        Path home = Files.createDirectories(work.resolve("home"));
        Path scenario = Path.of(getClass().getClassLoader().getResource("hang/link-latency.yaml").toURI());
        try (RunningChaos run = RunningChaos.start(work, Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home),
            List.of("run", scenario.toString(), "--out", work.resolve("runs").toString()))) {
            // WHEN the signal comes while the steady state is being held
            // (a second in: the steady state holds at the earliest 4 s after it starts, so the signal is seen first)
            run.awaitLine(l -> l.contains("== steady state (warm-up)"), Duration.ofMinutes(3));
            Thread.sleep(1_000);
            long t0 = System.nanoTime();
            run.signal(signal);
            int exit = run.awaitExit(Duration.ofMinutes(3));
            String printed = run.printed();
            System.out.println(printed);
            System.out.printf("SIG%s to exit: %.1f s%n", signal, (System.nanoTime() - t0) / 1e9);

            // THEN ABORTED, exit 3, as for Ctrl-C
            assertThat(exit).as(printed).isEqualTo(3);
            assertThat(printed).contains("SIG" + signal + ": aborting the run")
                .contains("Verdict: ABORTED (link-latency, exit 3)");
            if ("root".equals(Plan.user())) {
                assertThat(printed).contains("warning: running as root: the topology's 4 start commands run with root's rights");
            }
            Matcher runDir = Pattern.compile("(?m)^Run dir: (.+)$").matcher(printed);
            assertThat(runDir.find()).as(printed).isTrue();
            Path dir = work.resolve(runDir.group(1));
            JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
            assertThat(report.path("verdict").asText()).isEqualTo("ABORTED");
            assertThat(report.path("reasons").toString()).isEqualTo("[\"ABORTED: SIG" + signal + "\"]");
            // AND nothing false about the steady state: it was stopped, not failed
            assertThat(report.at("/steadyState/before/detail").asText()).startsWith("not checked to the end: the run was stopped after");
            assertThat(Files.readString(dir.resolve("summary.md"))).doesNotContain("did not hold").doesNotContain("never recovered");
            assertThat(printed).doesNotContain("did not hold").doesNotContain("never reached its steady state");
            // AND nothing is left in force
            assertThat(new FaultLedger(home.resolve(".exchange-chaos/ledger.jsonl")).unhealed()).isEmpty();
        }
    }
}
