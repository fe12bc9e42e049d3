package io.exchangechaos.fault.proxy.model;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @Test
    void parses_like_go() {
        assertThat(HostPort.parse("127.0.0.1:8474")).isEqualTo(new HostPort("127.0.0.1", 8474));
        assertThat(HostPort.parse("localhost:0")).isEqualTo(new HostPort("localhost", 0));
        assertThat(HostPort.parse(":80")).isEqualTo(new HostPort("", 80));
        assertThat(HostPort.parse("[::1]:80")).isEqualTo(new HostPort("::1", 80));
    }

    @Test
    void rejects_with_go_wording() {
        assertThatThrownBy(() -> HostPort.parse("foo")).hasMessage("address foo: missing port in address");
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessage("address ::1:80: too many colons in address");
        assertThatThrownBy(() -> HostPort.parse("foo:http")).hasMessage("address foo:http: invalid port");
        assertThatThrownBy(() -> HostPort.parse("foo:70000")).hasMessage("address foo:70000: invalid port");
    }

    @Test
    void formats_bound_addresses_like_go() throws Exception {
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 43121))).isEqualTo("127.0.0.1:43121");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::"), 80))).isEqualTo("[::]:80");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("fe80:0:0:0:1:0:0:2"), 1))).isEqualTo("[fe80::1:0:0:2]:1");
    }
}
