package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaults_to_loopback_8474() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("127.0.0.1", 8474, false));
    }

    @Test
    void reads_host_and_port() {
        assertThat(ServerOptions.parse("--port", "0", "--host", "127.0.0.2")).isEqualTo(new ServerOptions("127.0.0.2", 0, false));
        assertThat(ServerOptions.parse("--host", "localhost")).isEqualTo(new ServerOptions("localhost", 8474, false));
        assertThat(ServerOptions.parse("--host", "::1")).isEqualTo(new ServerOptions("::1", 8474, false));
    }

    @Test
    void an_address_other_machines_reach_needs_allow_remote_targets() {
        String refusal = ": not a loopback address, so other machines could reach the API and use its proxies to relay to"
                + " any address; keep the default 127.0.0.1, or pass --allow-remote-targets if that is what you mean";
        assertThatThrownBy(() -> ServerOptions.parse("--host", "0.0.0.0")).hasMessage("--host [0.0.0.0]" + refusal);
        assertThatThrownBy(() -> ServerOptions.parse("--host", "::", "--port", "0")).hasMessage("--host [::]" + refusal);
        assertThatThrownBy(() -> ServerOptions.parse("--host", "10.1.2.3")).hasMessage("--host [10.1.2.3]" + refusal);

        assertThat(ServerOptions.parse("--host", "0.0.0.0", "--allow-remote-targets", "--port", "0"))
                .isEqualTo(new ServerOptions("0.0.0.0", 0, true));
    }

    @Test
    void bad_arguments_name_the_argument_and_the_fix() {
        assertThatThrownBy(() -> ServerOptions.parse("--port", "http"))
                .hasMessage("--port [http]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "70000"))
                .hasMessage("--port [70000]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474");
        assertThatThrownBy(() -> ServerOptions.parse("--port"))
                .hasMessage("--port: missing value; " + ServerOptions.USAGE);
        assertThatThrownBy(() -> ServerOptions.parse("--host", "--port", "1"))
                .hasMessage("--host: missing value; " + ServerOptions.USAGE);
        assertThatThrownBy(() -> ServerOptions.parse("--verbose"))
                .hasMessage("unknown argument [--verbose]; " + ServerOptions.USAGE);
    }
}
