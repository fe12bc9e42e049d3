package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code ./chaos proxy-server}: its proxies relay anywhere, so it stays on loopback unless told otherwise. */
class ProxyServerCommandTest {

    @Test
    void anAddressOtherMachinesReachIsRefusedWithoutAllowRemoteTargets() {
        // GIVEN / WHEN: refused at once (a server it started would run until Ctrl-C)
        Cli any = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("proxy-server", "--host", "0.0.0.0", "--port", "0"));

        // THEN: usage error, nothing started
        assertThat(any.exit()).isEqualTo(2);
        assertThat(any.out()).isEmpty();
        assertThat(any.err()).isEqualTo("proxy-server: --host [0.0.0.0]: not a loopback address, so other machines could"
            + " reach the API and use its proxies to relay to any address; keep the default 127.0.0.1, or pass"
            + " --allow-remote-targets if that is what you mean\n");
    }

    @Test
    void helpSuggestsNoOpenRelayAndNamesTheFlag() {
        Cli help = Cli.run("proxy-server", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).doesNotContain("0.0.0.0").contains("--allow-remote-targets");
    }
}
