package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the harness refuses or shows before anything starts: addresses on other machines wherever the topology names
 * them (health URLs and DNS records too), overlapping faults on one target, and the commands a run will start.
 */
class SafetyChecksTest {
    static final String SCENARIO = "src/test/resources/hang/link-latency.yaml";

    @TempDir
    Path tmp;

    @Test
    void aHealthUrlOnAnotherMachineIsRefused() {
        Cli cli = Cli.run("run", SCENARIO, "--topology", "src/test/resources/remote/metadata-health.yaml", "--dry-run",
            "--out", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("topology [metadata-health]: [169.254.169.254:80] (health of service config) is"
            + " not on this machine (not a loopback address), so faults would hit another machine; pass"
            + " --allow-remote-targets if that is what you mean\n");
    }

    @Test
    void aDnsRecordOnAnotherMachineIsRefused() {
        Cli cli = Cli.run("run", SCENARIO, "--topology", "src/test/resources/remote/remote-record.yaml", "--dry-run",
            "--out", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("topology [remote-record]: [10.1.2.3] (dns record engine.r1.exchange.test) is"
            + " not on this machine (not a loopback address), so faults would hit another machine; pass"
            + " --allow-remote-targets if that is what you mean\n");
    }

    @Test
    void theSameFaultTwiceOnOneTargetAtOnceIsAnError() {
        Cli cli = Cli.run("validate", "src/test/resources/overlap/kill-twice.yaml");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("src/test/resources/overlap/kill-twice.yaml:12:9: timeline[1].at [15s]: starts"
            + " while timeline[0] [lose r1] already puts kill on {region: r1} (until 30s); the same fault twice on one"
            + " target at once means nothing: remove one, or start this one at 30s or later\n");
    }

    @Test
    void aKillDuringAFreezeOfTheSameTargetIsAWarning() {
        Cli validate = Cli.run("validate", "src/test/resources/overlap/freeze-then-kill.yaml");
        Cli plan = Cli.run("run", "src/test/resources/overlap/freeze-then-kill.yaml", "--dry-run",
            "--out", tmp.resolve("runs").toString());

        String warning = "warning: src/test/resources/overlap/freeze-then-kill.yaml:12:9: timeline[1].at [15s]: would"
            + " kill {region: r1} while timeline[0] [freeze r1] freezes it (until 30s): the thaw then finds its processes"
            + " gone, and they start again only when this step heals; if that is what you mean, nothing to fix\n";
        assertThat(validate.exit()).isZero();
        assertThat(validate.err()).isEqualTo(warning);
        assertThat(plan.exit()).isZero();
        assertThat(plan.err()).isEqualTo(warning);
    }

    @Test
    void theDryRunShowsEveryCommandItWouldStartWithSecretsRedacted() throws Exception {
        Path topology = tmp.resolve("single-region.yaml");
        Files.writeString(topology, Files.readString(Launcher.ROOT.resolve("exchange-stack/topologies/single-region.yaml"))
            .replace("\"-Xmx192m\", \"-XX:+UseSerialGC\"", "\"-Xmx192m\", \"-Dgateway.db.password=hunter2-secret\", \"-XX:+UseSerialGC\""));

        Cli cli = Cli.run("run", SCENARIO, "--topology", topology.toString(), "--dry-run", "--out", tmp.resolve("runs").toString());

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Processes started (as user " + Plan.user() + ", from the topology's start commands)\n"
            + "  config: ${java} -Xmx128m -XX:+UseSerialGC")
            .contains("  gateway-r1: ${java} -Xmx192m -Dgateway.db.password=[redacted] -XX:+UseSerialGC")
            .doesNotContain("hunter2-secret");
    }
}
