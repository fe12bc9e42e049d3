package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DnsServerConfigTest {

    @Test
    void defaultsAreLoopbackEphemeralFiveSecondsAndTheLoopbackBlackHole() {
        DnsServerConfig config = DnsServerConfig.forZone("Exchange.Test.");

        assertThat(config.zone()).isEqualTo("exchange.test");
        assertThat(config.dnsListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(config.controlListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.blackHole().getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(config.queryLogCapacity()).isEqualTo(100_000);
    }

    @Test
    void withCopiesLeaveTheTemplateUntouched() {
        DnsServerConfig template = DnsServerConfig.forZone("exchange.test");

        DnsServerConfig configured = template.withRecord("Engine.R1.exchange.test", "127.0.1.21", "127.0.1.22")
                .withTtl(Duration.ofSeconds(2)).withoutControlApi();

        assertThat(template.records()).isEmpty();
        assertThat(configured.records()).containsOnlyKeys("engine.r1.exchange.test");
        assertThat(configured.records().get("engine.r1.exchange.test")).hasSize(2);
        assertThat(configured.control()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsField() {
        DnsServerConfig base = DnsServerConfig.forZone("exchange.test");

        assertThatThrownBy(() -> base.withRecord("engine.r1.example.com", "127.0.1.21").withTtl(Duration.ofMillis(1500)))
                .hasMessage("record [engine.r1.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test");
        assertThatThrownBy(() -> base.withTtl(Duration.ofMillis(1500)))
                .hasMessage("ttl [1] must be a whole number of seconds from 0 to 86400");
        assertThatThrownBy(() -> base.withBlackHole("10.0.0.1"))
                .hasMessage("blackHole [10.0.0.1] is not a loopback address; use one in 127.0.0.0/8, e.g. 127.0.0.254");
        assertThatThrownBy(() -> base.withRecord("bad..exchange.test", "127.0.1.21"))
                .hasMessage("record [bad..exchange.test]: name [bad..exchange.test] is not a valid DNS name;"
                        + " use dot-separated labels of letters, digits, '-' or '_'");
        assertThatThrownBy(() -> DnsServerConfig.forZone("exchange..test"))
                .hasMessage("zone [exchange..test] is not a valid DNS name; use dot-separated labels of letters, digits, '-' or '_'");
    }
}
