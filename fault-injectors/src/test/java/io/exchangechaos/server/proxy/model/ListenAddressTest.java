package io.exchangechaos.server.proxy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void parses_like_go() {
        assertThat(ListenAddress.parse("127.0.0.1:8474")).isEqualTo(new ListenAddress("127.0.0.1", 8474));
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
        assertThat(ListenAddress.parse(":80")).isEqualTo(new ListenAddress("", 80));
        assertThat(ListenAddress.parse("[::1]:80")).isEqualTo(new ListenAddress("::1", 80));
    }

    @Test
    void rejects_with_go_wording() {
        assertThatThrownBy(() -> ListenAddress.parse("foo")).hasMessage("address foo: missing port in address");
        assertThatThrownBy(() -> ListenAddress.parse("::1:80")).hasMessage("address ::1:80: too many colons in address");
        assertThatThrownBy(() -> ListenAddress.parse("foo:http")).hasMessage("address foo:http: invalid port");
        assertThatThrownBy(() -> ListenAddress.parse("foo:70000")).hasMessage("address foo:70000: invalid port");
    }

    @Test
    void formats_bound_addresses_like_go() throws Exception {
        assertThat(ListenAddress.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 43121))).isEqualTo("127.0.0.1:43121");
        assertThat(ListenAddress.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
        assertThat(ListenAddress.format(new InetSocketAddress(InetAddress.getByName("::"), 80))).isEqualTo("[::]:80");
        assertThat(ListenAddress.format(new InetSocketAddress(InetAddress.getByName("fe80:0:0:0:1:0:0:2"), 1))).isEqualTo("[fe80::1:0:0:2]:1");
    }
}
