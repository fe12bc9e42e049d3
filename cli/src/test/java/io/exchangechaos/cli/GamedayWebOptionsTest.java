package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gameday --web}'s own options, wrong: each is a usage error (exit 2) that says how to fix it, and nothing is
 * started: no run directory, no stack.
 */
class GamedayWebOptionsTest {
    static final String DRILL = "src/test/resources/gameday/drill.yaml";

    @TempDir
    Path tmp;

    @Test
    void aPortInUseIsExit2WithNothingStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Cli r = Cli.run("gameday", DRILL, "--web", "--port", String.valueOf(port), "--out", tmp.resolve("runs").toString());

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("--port [" + port + "]: cannot listen on 127.0.0.1:" + port + " (")
                .contains("pick another port, or leave --port out for a free one");
            assertThat(r.out()).doesNotContain("console: ");
            assertThat(tmp.resolve("runs/gameday-drill")).doesNotExist();
        }
    }

    @Test
    void anAddressOffThisMachineNeedsAllowRemoteTargets() {
        Cli r = Cli.run("gameday", DRILL, "--web", "--bind", "0.0.0.0", "--out", tmp.resolve("runs").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("--bind [0.0.0.0]: not a loopback address, so anyone who can reach this machine could"
            + " watch the run; leave --bind out for 127.0.0.1, or add --allow-remote-targets to serve the console there\n");
        assertThat(r.out()).isEmpty();
        assertThat(tmp.resolve("runs/gameday-drill")).doesNotExist();
    }

    @Test
    void wrongPortsAndConsoleOptionsWithoutWebAreToldAtOnce() {
        Cli r = Cli.run("gameday", DRILL, "--web", "--port", "70000", "--bind", "no-such-host.invalid");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
            "--port [70000]: out of range; pass a port from 1 to 65535, or leave --port out for a free one",
            "--bind [no-such-host.invalid]: no such address on this machine; leave --bind out for 127.0.0.1");

        Cli noWeb = Cli.run("gameday", DRILL, "--port", "8480");
        assertThat(noWeb.exit()).isEqualTo(2);
        assertThat(noWeb.err()).isEqualTo("--port: only with --web; add --web to serve the console\n");
        assertThat(Files.exists(Path.of("target/chaos-runs/gameday-drill"))).isFalse();
    }
}
