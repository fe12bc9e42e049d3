package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChaosCommandsTest {

    static final List<String> LIBRARY = List.of("bad-config-push", "dependency-latency", "dns-empty-record",
        "leader-flapping", "recovery-herd", "region-blackhole", "region-loss", "region-partition", "wan-degradation");

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "validate", "run", "gameday", "stack", "stack up", "proxy-server", "report",
        "report verify", "report pdf", "keys", "keys init", "plugins", "cleanup"})
    void everyCommandHasHelpWithExamples(String command) {
        // GIVEN / WHEN
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        Cli cli = Cli.run(args);

        // THEN
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("Usage: chaos" + (command.isEmpty() ? "" : " " + command))
            .contains("Examples:").contains("./chaos");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        Cli cli = Cli.run();

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("chaos: name a command; see ./chaos --help");
    }

    @Test
    void anUnknownCommandSaysWhatExists() {
        Cli cli = Cli.run("valdate", "region-loss");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("chaos: Unmatched arguments from index 0: 'valdate', 'region-loss'")
            .contains("Did you mean: chaos validate").contains("See ./chaos --help");
    }

    @Test
    void versionNamesTheHarnessAndJava() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("exchange-chaos ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void listShowsEveryLibraryScenarioOneLineEach() {
        Cli cli = Cli.run("list");

        assertThat(cli.exit()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(LIBRARY.size());
        for (int i = 0; i < LIBRARY.size(); i++) {
            assertThat(lines.get(i)).startsWith(LIBRARY.get(i) + " ").contains(" | ");
        }
        assertThat(lines.get(6)).contains("AWS ap-northeast-1 (Tokyo), 2025-04-15")
            .contains("Every process of the region holding the engine leader is killed under load");
    }

    @Test
    void validateAcceptsLibraryNamesAndFiles() {
        Cli cli = Cli.run("validate", "region-loss", "src/test/resources/gameday/drill.yaml");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).isEqualTo("""
            region-loss: valid (scenario region-loss, 1 fault, 6 invariants)
            src/test/resources/gameday/drill.yaml: valid (scenario gameday-drill, 2 faults, 2 invariants)
            """);
    }

    @Test
    void validatePrintsEveryLocatedProblemAndExits2() {
        Cli cli = Cli.run("validate", "src/test/resources/invalid/broken.yaml", "region-loss");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEqualTo("region-loss: valid (scenario region-loss, 1 fault, 6 invariants)\n");
        assertThat(cli.err()).isEqualTo("""
            src/test/resources/invalid/broken.yaml:14:22: timeline[0].target.region [r9]: not a region of multi-region; did you mean r1?
            src/test/resources/invalid/broken.yaml:20:15: timeline[1].duration [10m]: ends after the load ends at 1m; shorten it or lengthen load.duration
            src/test/resources/invalid/broken.yaml:22:36: invariants[1] [no-such-invariant]: not an invariant; use one of no-lost-acked-orders, no-duplicate-orders, fills-within-quantity, balances-conserved, replicas-converge, indeterminate-resolved
            1 of 2 scenarios invalid
            """);
    }

    @Test
    void validateNamesTheTopologyFileForTheTopologysProblems(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // GIVEN a scenario file naming a topology file that has a problem of its own
        Path topology = Path.of("../harness-core/src/test/resources/invalid-topologies/unknown-key.yaml").toAbsolutePath();
        Path scenario = tmp.resolve("own.yaml");
        Files.writeString(scenario, "name: own\ntarget: {topology: " + topology
            + "}\nload: {rate: 200/s, duration: 60s}\n");

        // WHEN it is validated
        Cli cli = Cli.run("validate", scenario.toString());

        // THEN the scenario's line names the scenario, the topology's line the topology file
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo(scenario + ":2:20: target.topology [" + topology + "]: the topology file has 1 "
            + "problem(s), listed below with their location; fix them\n"
            + Files.readString(topology.resolveSibling("unknown-key.expected"))
            + "1 of 1 scenario invalid\n");
    }

    @Test
    void validateNamesAScenarioThatIsNeitherFileNorLibrary() {
        Cli cli = Cli.run("validate", "region-los", "nowhere/x.yaml");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("""
            scenario [region-los]: not a file and not a library scenario; did you mean region-loss? library scenarios: bad-config-push, dependency-latency, dns-empty-record, leader-flapping, recovery-herd, region-blackhole, region-loss, region-partition, wan-degradation
            scenario [nowhere/x.yaml]: no such file; check the path (relative to\s""")
            .endsWith("), or name a library scenario (./chaos list)\n2 of 2 scenarios invalid\n");
    }

    @Test
    void dryRunPrintsThePlanAndStartsNothing(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path out = tmp.resolve("runs");

        Cli cli = Cli.run("run", "region-loss", "--dry-run", "--duration", "60s", "--rate", "80", "--seed", "7",
            "--out", out.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out())
            .contains("Plan for region-loss (library scenario)")
            .contains("replays:      AWS ap-northeast-1 (Tokyo), 2025-04-15")
            .contains("multi-region topology (3 regions")
            .contains("80/s open model for 1m")
            .contains("seed 7")
            .containsPattern("8s +20s +kill +\\{region: leader} +lose the leader's region")
            .contains("= the engine leader's region, found when the fault is injected")
            .contains("phases: baseline 0s–8s, fault 8s–20s, recovery 20s–1m")
            .contains("p99 latency of place during fault at most 10s")
            .contains("no-lost-acked-orders, no-duplicate-orders")
            .contains("the error ratio stays above 90% for 15s")
            .contains("Run directory: " + out.resolve("region-loss") + "/<UTC timestamp>/")
            .endsWith("Dry run: nothing was started. Drop --dry-run to run it.\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void dryRunOfTheWholeLibraryPlansEveryScenario(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Cli cli = Cli.run("run", "--all", "--dry-run", "--out", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isZero();
        for (String name : LIBRARY) {
            assertThat(cli.out()).contains("Plan for " + name + " (library scenario)");
        }
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void dryRunOfAFileResolvesItsTargets(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Cli cli = Cli.run("run", "src/test/resources/gameday/drill.yaml", "--dry-run", "--out", tmp.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("Plan for gameday-drill (src/test/resources/gameday/drill.yaml)")
            .contains("single-region topology (1 region")
            .containsPattern("6s +12s +latency 100ms \\(both\\) +\\{link: client-gateway-r1} +slow the order entry link")
            .containsPattern("16s +20s +freeze +\\{service: gateway-r1} +freeze the gateway");
    }

    @Test
    void reportVerifyOfAMissingDirectoryIsAUsageError(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Cli cli = Cli.run("report", "verify", tmp.resolve("nope").toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("Run directory [" + tmp.resolve("nope")
            + "] does not exist; pass the directory `chaos run` printed\n");
    }

    @Test
    void reportVerifyOfADirectoryWithoutManifestNamesIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("report.json"), "{}");

        Cli cli = Cli.run("report", "verify", tmp.toString());

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.out()).contains("MISSING manifest.json: missing");
    }

    @Test
    void stackAndReportWithoutASubcommandSayWhatToType() {
        assertThat(Cli.run("stack").err()).isEqualTo("chaos stack: name a command (up); see ./chaos stack --help\n");
        assertThat(Cli.run("report").err()).isEqualTo("chaos report: name a command (verify, pdf); see ./chaos report --help\n");
        assertThat(Cli.run("keys").err()).isEqualTo("chaos keys: name a command (init); see ./chaos keys --help\n");
        assertThat(Cli.run("keys").exit()).isEqualTo(2);
        assertThat(Cli.run("stack").exit()).isEqualTo(2);
    }

    @Test
    void completionCoversEveryCommandAndOption() throws Exception {
        // also what `mvn verify` leaves in cli/target for users (the launcher writes it too)
        CompletionScript.main(new String[] {"target/chaos-completion.bash"});
        String script = Files.readString(Path.of("target/chaos-completion.bash"));

        assertThat(script).contains("complete -F _complete_chaos -o default chaos")
            .contains("complete -F _complete_chaos -o default ./chaos")
            .contains("gameday").contains("proxy-server").contains("--toxiproxy").contains("--dry-run")
            .contains("no-dns-cache").contains("single-region").contains("--signing-key").contains("keys")
            .contains("--key").contains("plugins").contains("--plugins");
    }
}
