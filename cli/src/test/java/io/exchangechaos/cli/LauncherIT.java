package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./chaos} launcher from a directory outside the repository, on the built tree. */
class LauncherIT {
    static final Duration QUICK = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void helpWorksFromAnyDirectory() throws Exception {
        Launcher.Result r = Launcher.chaos(work, Map.of(), QUICK, "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: chaos [-hV] COMMAND").contains("gameday").contains("report")
            .contains("Exit codes: 0 PASS, 1 FAIL, 2 usage or definition error");
    }

    @Test
    void listShowsTheLibrary() throws Exception {
        Launcher.Result r = Launcher.chaos(work, Map.of(), QUICK, "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().map(l -> l.split(" ")[0]).toList()).isEqualTo(ChaosCommandsTest.LIBRARY);
    }

    @Test
    void aWrongOptionExits2AndStartsNothing() throws Exception {
        Launcher.Result rate = Launcher.chaos(work, Map.of(), QUICK, "run", "region-loss", "--rate", "-5");
        Launcher.Result docker = Launcher.chaos(work, Map.of(), QUICK, "run", "region-loss", "--backend", "containers");

        assertThat(rate.exit()).isEqualTo(2);
        assertThat(rate.err()).isEqualTo("--rate [-5]: must be more than 0 orders per second; e.g. --rate 200\n");
        assertThat(docker.exit()).isEqualTo(2);
        assertThat(docker.err()).startsWith("--backend [containers]: unknown backend;");
        assertThat(work.resolve("target")).doesNotExist();
        try (var files = Files.list(work)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void validateLocatesProblemsInAFileGivenByPath() throws Exception {
        Path broken = Launcher.ROOT.resolve("cli/src/test/resources/invalid/broken.yaml");

        Launcher.Result r = Launcher.chaos(work, Map.of(), QUICK, "validate", broken.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(broken + ":14:22: timeline[0].target.region [r9]: not a region of multi-region; did you mean r1?\n");
    }

    /**
     * Files that are no YAML text at all, or YAML nested past the parser's limit, from the definition catalogues: each
     * is one located line and exit 2, through {@code validate} and {@code run}, with no stack trace and nothing started.
     */
    @Test
    void malformedDefinitionsAreLocatedProblemsWithoutAStackTrace() throws Exception {
        Path scenarios = Launcher.ROOT.resolve("harness-core/src/test/resources/invalid-scenarios");
        Path topologies = Launcher.ROOT.resolve("harness-core/src/test/resources/invalid-topologies");
        List<String> names = List.of("nested-too-deep", "random-bytes", "utf16", "utf16-without-bom", "utf32", "nul-byte",
            "control-character");
        List<String> args = new ArrayList<>(List.of("validate"));
        StringBuilder expected = new StringBuilder();
        for (String name : names) {
            args.add(scenarios.resolve(name + ".yaml").toString());
            expected.append(scenarios).append('/').append(Files.readString(scenarios.resolve(name + ".expected")).strip())
                .append('\n');
        }

        Launcher.Result validate = Launcher.chaos(work, Map.of(), QUICK, args.toArray(String[]::new));
        Launcher.Result run = Launcher.chaos(work, Map.of(), QUICK, "run", scenarios.resolve("nested-too-deep.yaml").toString());

        assertThat(validate.exit()).as(validate.err()).isEqualTo(2);
        assertThat(validate.out()).isEmpty();
        assertThat(validate.err()).isEqualTo(expected + "7 of 7 scenarios invalid\n");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(expected.toString().lines().findFirst().orElseThrow() + "\n");
        for (String name : List.of("nested-too-deep", "utf16", "nul-bytes")) {
            Path topology = topologies.resolve(name + ".yaml");
            Launcher.Result withTopology = Launcher.chaos(work, Map.of(), QUICK, "run", "region-loss", "--topology",
                topology.toString());
            assertThat(withTopology.exit()).as(name + ": " + withTopology.err()).isEqualTo(2);
            assertThat(withTopology.err()).as(name).endsWith(": " + Files.readString(topologies.resolve(name + ".expected")));
            assertNoStackTrace(withTopology);
        }
        assertNoStackTrace(validate);
        assertNoStackTrace(run);
        try (var files = Files.list(work)) {
            assertThat(files).as("nothing started, nothing written").isEmpty();
        }
    }

    private static void assertNoStackTrace(Launcher.Result r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("the harness failed");
    }

    @Test
    void cleanupWithAnEmptyLedgerHasNothingToHeal() throws Exception {
        Launcher.Result r = Launcher.chaos(work, Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + work), QUICK, "cleanup");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("no unhealed faults in " + work.resolve(".exchange-chaos/ledger.jsonl") + "\nNothing to heal.\n");
    }

    @Test
    void theCompletionScriptIsWrittenAndLoadsInBash() throws Exception {
        Launcher.chaos(work, Map.of(), QUICK, "--version");
        Path script = Launcher.ROOT.resolve("cli/target/chaos-completion.bash");

        Launcher.Result r = Launcher.run(work, Map.of(), QUICK, List.of("bash", "-c",
            "source '" + script + "' && complete -p ./chaos && complete -p chaos"));

        assertThat(script).exists();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("complete -o default -F _complete_chaos ./chaos");
    }

    /**
     * A shell script that starts {@code ./chaos} in the background hands it an ignored SIGINT (bash does that to
     * background jobs of a non-interactive shell, and cannot undo it); {@code trap '' INT} does the same here. The
     * JVM would then never hear Ctrl-C, and {@code kill -INT} would not stop a run. The launcher restores it.
     */
    @Test
    void sigintReachesTheHarnessEvenWhenItsShellIgnoredIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "trap '' INT; exec \"$0\" proxy-server --port 0",
            Launcher.ROOT.resolve("chaos").toString()).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("CHAOS_NO_BUILD", "1");
        Process server = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).as("the server's first line").isNotNull().contains("127.0.0.1:");
            assertThat(Files.readString(Path.of("/proc", String.valueOf(server.pid()), "status")))
                .as("java was exec'd with the inherited signal mask").contains("java");

            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();

            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGINT").isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }
}
