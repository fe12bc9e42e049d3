package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C in the middle of a fault, on a real {@code ./chaos run}: the run ends ABORTED with exit 3, every fault it
 * injected is healed (the ledger says so, and no process of the run is left running), the report is
 * written and sealed, and the runs index lists it. The run is also given secrets — in its environment and in a
 * topology start command — and none of them reaches any file of the run directory.
 */
class AbortRunIT {
    static final String ENV_TOKEN = "it-env-token-7c1e55";
    static final String TOPOLOGY_PASSWORD = "it-topology-pw-93ab2f";

    @Test
    void sigintMidFaultHealsEverythingWritesTheReportAndLeaksNoSecret() throws Exception {
        // GIVEN a topology whose gateway is started with a password, and a token in the run's environment
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/abort-it"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path out = work.resolve("runs");
        Path topologies = Launcher.ROOT.resolve("exchange-stack/topologies");
        Path topology = work.resolve("multi-region.yaml");
        Files.writeString(topology, Files.readString(topologies.resolve("multi-region.yaml")).replace(
            "\"-Xmx192m\", \"-XX:+UseSerialGC\"", "\"-Xmx192m\", \"-Dgateway.db.password=" + TOPOLOGY_PASSWORD + "\", \"-XX:+UseSerialGC\""));
        Files.copy(topologies.resolve("multi-region-shared-failure-domain.yaml"),
            work.resolve("multi-region-shared-failure-domain.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(topology)).contains(TOPOLOGY_PASSWORD);

        // env: INT at its default, as from a terminal (a background job of a script starts with it ignored)
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", Launcher.ROOT.resolve("chaos").toString(),
            "run", "region-loss", "--duration", "60s", "--rate", "60", "--topology", topology.toString(), "--out", out.toString())
            .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("CHAOS_NO_BUILD", "1");
        pb.environment().put("CHAOS_JAVA_OPTS", "-Duser.home=" + home);
        pb.environment().put("CHAOS_API_TOKEN", ENV_TOKEN);
        pb.environment().remove("COLUMNS");
        Process run = pb.start();
        StringBuilder printed = new StringBuilder();
        CompletableFuture<Void> injected = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (printed) {
                        printed.append(line).append('\n');
                    }
                    if (line.contains("injected [lose the leader's region]")) {
                        injected.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                injected.complete(null);
            }
        }, "chaos-output");
        reader.start();

        // WHEN the operator presses Ctrl-C while the region is down
        injected.get(4, TimeUnit.MINUTES);
        assertThat(printed.toString()).as("the fault was injected before the abort").contains("injected [lose the leader's region]");
        Thread.sleep(2_000);
        new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
        boolean ended = run.waitFor(4, TimeUnit.MINUTES);
        // what chaos printed last (the verdict) may still be in the pipe when it has exited: read to its end
        reader.join(TimeUnit.MINUTES.toMillis(1));
        String text;
        synchronized (printed) {
            text = printed.toString();
        }
        System.out.println(text);

        // THEN ABORTED, exit 3, and the report says so
        assertThat(ended).as(text).isTrue();
        assertThat(reader.isAlive()).as("the output of chaos did not end within a minute of its exit; so far:%n%s", text)
            .isFalse();
        assertThat(run.exitValue()).as(text).isEqualTo(3);
        assertThat(text).contains("Ctrl-C: aborting the run").contains("Verdict: ABORTED (region-loss, exit 3)");
        Matcher runDirLine = Pattern.compile("(?m)^Run dir: (.+)$").matcher(text);
        assertThat(runDirLine.find()).as(text).isTrue();
        Path runDir = work.resolve(runDirLine.group(1));
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("ABORTED");
        assertThat(report.path("reasons").get(0).asText()).isEqualTo("ABORTED: SIGINT");
        assertThat(report.path("faults")).isNotEmpty().allSatisfy(f ->
            assertThat(f.path("healedAt").isTextual()).as("healed: %s", f).isTrue());

        // AND every fault is healed: the ledger has no open entry, nothing of the stack listens any more
        FaultLedger ledger = new FaultLedger(home.resolve(".exchange-chaos/ledger.jsonl"));
        assertThat(ledger.entries()).as("the run recorded its faults").isNotEmpty();
        assertThat(ledger.unhealed()).as("unhealed ledger entries").isEmpty();
        // (by command line, not by port: on a shared machine another suite may take the ports the moment they free)
        assertThat(processesMentioning(work.toString())).as("processes of the run still alive").isEmpty();
        Launcher.Result cleanup = Launcher.chaos(work, java.util.Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home),
            java.time.Duration.ofSeconds(60), "cleanup");
        assertThat(cleanup.out()).contains("Nothing to heal.");

        // AND the report is whole and sealed, and listed in the index of --out
        for (String file : List.of("report.html", "junit.xml", "summary.md", "history.jsonl", "scenario.yaml", "manifest.json")) {
            assertThat(runDir.resolve(file)).isNotEmptyFile();
        }
        var verification = ReportVerifier.verify(runDir);
        assertThat(verification.intact()).as(verification.problems().toString()).isTrue();
        assertThat(Files.readString(out.resolve("index.html"))).contains("region-loss/" + runDir.getFileName() + "/report.html");

        // AND no secret the run was given reaches any file of its run directory
        assertThat(report.at("/environment/variables/CHAOS_API_TOKEN").asText()).isEqualTo("[redacted]");
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as("%s", runDir.relativize(f)).doesNotContain(ENV_TOKEN).doesNotContain(TOPOLOGY_PASSWORD);
            }
        }
    }

    /** Live processes whose command line names {@code text} (the run's work directory is in every stack command). */
    private static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(text) && !cmd.contains("surefire") && !cmd.contains("failsafe")) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException gone) {
                    // exited while listing
                }
            }
        }
        return found;
    }
}
