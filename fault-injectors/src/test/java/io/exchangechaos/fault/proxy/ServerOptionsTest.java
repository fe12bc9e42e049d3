package io.exchangechaos.fault.proxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerOptionsTest {

    @Test
    void defaults_to_loopback_8474() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("127.0.0.1", 8474));
    }

    @Test
    void reads_host_and_port() {
        assertThat(ServerOptions.parse("--port", "0", "--host", "0.0.0.0")).isEqualTo(new ServerOptions("0.0.0.0", 0));
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
