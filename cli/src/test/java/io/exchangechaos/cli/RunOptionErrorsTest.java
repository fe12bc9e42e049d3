package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of {@code run} (and the same options of {@code gameday} and {@code stack up}) given a wrong value:
 * each gets the exact message that says how to fix it, exit code 2, and nothing is started.
 */
class RunOptionErrorsTest {

    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void outRoot() {
        out = tmp.resolve("runs");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
            // --seed: wrong type, negative, fraction
            Arguments.of("--seed", "abc", "--seed [abc]: not a whole number; pass a whole number of 0 or more, e.g. --seed 42"),
            Arguments.of("--seed", "-1", "--seed [-1]: negative; pass a whole number of 0 or more, e.g. --seed 42"),
            Arguments.of("--seed", "1.5", "--seed [1.5]: not a whole number; pass a whole number of 0 or more, e.g. --seed 42"),
            Arguments.of("--seed", "99999999999999999999", "--seed [99999999999999999999]: not a whole number; pass a whole number of 0 or more, e.g. --seed 42"),
            // --rate: wrong type, negative, zero, too high
            Arguments.of("--rate", "fast", "--rate [fast]: not a number; pass orders per second, e.g. --rate 200"),
            Arguments.of("--rate", "NaN", "--rate [NaN]: not a number; pass orders per second, e.g. --rate 200"),
            Arguments.of("--rate", "1e308", "--rate [1e308]: too large; more than one load generator can start (at most 100000 orders per second); lower it"),
            Arguments.of("--rate", "-5", "--rate [-5]: must be more than 0 orders per second; e.g. --rate 200"),
            Arguments.of("--rate", "0", "--rate [0]: must be more than 0 orders per second; e.g. --rate 200"),
            Arguments.of("--rate", "250000", "--rate [250000]: too large; more than one load generator can start (at most 100000 orders per second); lower it"),
            // --duration: no unit, unknown unit, negative, zero, too short for the scenario
            Arguments.of("--duration", "90", "--duration [90]: not a duration; write a number and a unit: 500ms, 90s, 2m or 1.5s"),
            Arguments.of("--duration", "2 minutes", "--duration [2 minutes]: not a duration; write a number and a unit: 500ms, 90s, 2m or 1.5s"),
            Arguments.of("--duration", "-5s", "--duration [-5s]: negative; pass how long the load lasts, e.g. --duration 90s"),
            Arguments.of("--duration", "0s", "--duration [0s]: shorter than 1s; no load that short measures anything, e.g. --duration 90s"),
            Arguments.of("--duration", "15s", "region-loss with --duration 15s: timeline[0].duration [12s]: ends after the load ends at 15s; shorten it or lengthen load.duration"),
            // --topology: unknown name, typo, missing file, empty
            Arguments.of("--topology", "tri-region", "--topology [tri-region]: no such topology; use one of multi-region, multi-region-shared-failure-domain, single-region (or pass a path to a topology file)"),
            Arguments.of("--topology", "single-regoin", "--topology [single-regoin]: no such topology; did you mean single-region? (or pass a path to a topology file)"),
            Arguments.of("--topology", "nowhere/mine.yaml", "--topology [nowhere/mine.yaml]: no such topology file; check the path (relative to "
                + Path.of("").toAbsolutePath() + "), or use single-region or multi-region"),
            Arguments.of("--topology", "", "--topology []: empty; use single-region or multi-region, or a path to a topology file"),
            // --backend: unknown, typo
            Arguments.of("--backend", "kubernetes", "--backend [kubernetes]: unknown backend; use one of local, docker"),
            Arguments.of("--backend", "lokal", "--backend [lokal]: unknown backend; did you mean local?"),
            // --weakness: typo, unknown
            Arguments.of("--weakness", "no-dns-cach", "--weakness [no-dns-cach]: unknown weakness; did you mean no-dns-cache?"),
            Arguments.of("--weakness", "everything", "--weakness [everything]: unknown weakness; use one of none, ack-before-replication, no-dns-cache, no-config-validation, no-dependency-timeout, no-client-failover, shared-failure-domain"),
            // --toxiproxy: not a URL, wrong scheme, no port
            Arguments.of("--toxiproxy", "localhost:8474", "--toxiproxy [localhost:8474]: not an http URL; pass the Toxiproxy API address, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "ftp://127.0.0.1:8474", "--toxiproxy [ftp://127.0.0.1:8474]: not an http URL; pass the Toxiproxy API address, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "http://proxy host:8474", "--toxiproxy [http://proxy host:8474]: not a URL; pass the Toxiproxy API address, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "http://127.0.0.1", "--toxiproxy [http://127.0.0.1]: no port; Toxiproxy's API listens on 8474 unless told otherwise, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "http://127.0.0.1:99999", "--toxiproxy [http://127.0.0.1:99999]: port 99999 out of range; pass a port from 1 to 65535, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "https://127.0.0.1:8474", "--toxiproxy [https://127.0.0.1:8474]: Toxiproxy's API is plain http at the root of its address; pass only scheme, host and port, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "http://127.0.0.1:8474/api", "--toxiproxy [http://127.0.0.1:8474/api]: Toxiproxy's API is plain http at the root of its address; pass only scheme, host and port, e.g. --toxiproxy http://127.0.0.1:8474"),
            Arguments.of("--toxiproxy", "http://127.0.0.1:9", "--toxiproxy [http://127.0.0.1:9]: nothing accepts connections there (connection refused); start it (e.g. ./chaos proxy-server --port 9) or fix the URL"),
            Arguments.of("--toxiproxy", "http://10.9.8.7:8474", "topology [multi-region]: [10.9.8.7:8474] (--toxiproxy) is not on this machine (not a loopback address), so faults would hit another machine; pass --allow-remote-targets if that is what you mean"));
    }

    @ParameterizedTest(name = "run region-loss {0} [{1}]")
    @MethodSource("wrongValues")
    void runRefusesAWrongValueWithItsFixAndStartsNothing(String option, String value, String message) {
        // GIVEN
        long childrenBefore = ProcessHandle.current().children().count();

        // WHEN
        Cli cli = Cli.run("run", "region-loss", option, value, "--out", out.toString());

        // THEN
        assertThat(cli.err()).isEqualTo(message + "\n");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }

    @Test
    void outThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("runs.txt"), "not a directory");

        Cli cli = Cli.run("run", "region-loss", "--out", file.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("--out [" + file + "]: is a file, not a directory; pass a directory, e.g. --out target/chaos-runs\n");
    }

    @Test
    void everyWrongValueIsReportedAtOnce() {
        Cli cli = Cli.run("run", "region-los", "--seed", "x", "--rate", "-1", "--backend", "dockr", "--duration", "1",
            "--out", out.toString());

        assertThat(cli.exit()).isEqualTo(2);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("scenario [region-los]: not a file and not a library scenario; did you mean region-loss?");
        assertThat(lines.get(1)).startsWith("--backend [dockr]: unknown backend; did you mean docker?");
        assertThat(lines.get(2)).startsWith("--seed [x]: not a whole number");
        assertThat(lines.get(3)).startsWith("--rate [-1]: must be more than 0");
        assertThat(lines.get(4)).startsWith("--duration [1]: not a duration");
        assertThat(out).doesNotExist();
    }

    @Test
    void aScenarioIsRequiredUnlessAll() {
        Cli none = Cli.run("run");
        Cli both = Cli.run("run", "region-loss", "--all");

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("run: name a scenario (./chaos list shows the library) or a scenario file, or pass --all\n");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("run: pass a scenario or --all, not both\n");
    }

    @Test
    void anInvalidScenarioFileIsADefinitionError() {
        Cli cli = Cli.run("run", "src/test/resources/invalid/broken.yaml", "--out", out.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("src/test/resources/invalid/broken.yaml:14:22: timeline[0].target.region [r9]");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownOptionOrAMissingValueIsAUsageError() {
        Cli unknown = Cli.run("run", "region-loss", "--frobnicate");
        Cli missing = Cli.run("run", "region-loss", "--seed");
        Cli typo = Cli.run("run", "region-loss", "--durration", "50s");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("chaos run: Unknown option: '--frobnicate'").endsWith("See ./chaos run --help for the options and examples.\n");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("chaos run: Missing required parameter for option '--seed' (N)");
        assertThat(typo.err()).contains("Possible solutions: --duration");
    }

    @Test
    void aTopologyWithARemoteAddressNeedsExplicitConsent() {
        String topology = "src/test/resources/remote/remote-example.yaml";

        Cli refused = Cli.run("run", "region-loss", "--topology", topology, "--out", out.toString());
        Cli allowed = Cli.run("run", "region-loss", "--topology", topology, "--allow-remote-targets", "--dry-run",
            "--out", out.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("topology [remote-example]: [10.20.30.40:8600] (service credit-check) is not on "
            + "this machine (not a loopback address), so faults would hit another machine; pass --allow-remote-targets if "
            + "that is what you mean\n");
        assertThat(allowed.exit()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void aPairPartitionOnLocalProcessesIsRefusedBeforeAnythingStarts() {
        String scenario = "src/test/resources/docker-only/pair-partition.yaml";

        Cli refused = Cli.run("run", scenario, "--out", out.toString());
        Cli planned = Cli.run("run", scenario, "--backend", "docker", "--dry-run", "--out", out.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith(scenario + ": timeline step [cut r1 from r2]: a partition {between: [r1, r2]} "
            + "needs --backend docker").contains("or target {region: NAME} to cut one region off");
        assertThat(planned.exit()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void gamedayChecksTheSameOptions() {
        List<Cli> runs = new ArrayList<>();
        runs.add(Cli.run("gameday", "region-loss", "--rate", "-3", "--out", out.toString()));
        runs.add(Cli.run("gameday", "region-loss", "--weakness", "nope", "--out", out.toString()));
        runs.add(Cli.run("gameday", "regoin-loss", "--out", out.toString()));

        assertThat(runs).allSatisfy(c -> assertThat(c.exit()).isEqualTo(2));
        assertThat(runs.get(0).err()).isEqualTo("--rate [-3]: must be more than 0 orders per second; e.g. --rate 200\n");
        assertThat(runs.get(1).err()).startsWith("--weakness [nope]: unknown weakness; ");
        assertThat(runs.get(2).err()).startsWith("scenario [regoin-loss]: not a file and not a library scenario; did you mean region-loss?");
        assertThat(out).doesNotExist();
    }

    @Test
    void stackUpAndProxyServerCheckTheirOptions() {
        Cli weakness = Cli.run("stack", "up", "--weakness", "no-dns-cach");
        Cli topology = Cli.run("stack", "up", "--topology", "moon-region");
        Cli port = Cli.run("proxy-server", "--port", "eighty");
        Cli range = Cli.run("proxy-server", "--port", "70000");

        assertThat(weakness.exit()).isEqualTo(2);
        assertThat(weakness.err()).isEqualTo("--weakness [no-dns-cach]: unknown weakness; did you mean no-dns-cache?\n");
        assertThat(topology.exit()).isEqualTo(2);
        assertThat(topology.err()).startsWith("--topology [moon-region]: no such topology; ");
        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("proxy-server: --port [eighty]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474\n");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).isEqualTo("proxy-server: --port [70000]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474\n");
    }
}
