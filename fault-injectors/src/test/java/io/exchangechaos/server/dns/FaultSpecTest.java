package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void factoriesBuildEachModeAndCanonicaliseThePattern() {
        assertThat(FaultSpec.nxdomain("Engine.R1.Exchange.Test.").pattern()).isEqualTo("engine.r1.exchange.test");
        assertThat(FaultSpec.servfail("a.exchange.test").mode()).isEqualTo(FaultMode.SERVFAIL);
        assertThat(FaultSpec.empty("a.exchange.test").mode()).isEqualTo(FaultMode.EMPTY);
        assertThat(FaultSpec.drop("a.exchange.test").mode()).isEqualTo(FaultMode.DROP);
        assertThat(FaultSpec.wrongAddress("a.exchange.test").address()).isNull();
        assertThat(FaultSpec.wrongAddress("a.exchange.test", "127.0.0.9").address().getHostAddress()).isEqualTo("127.0.0.9");
        assertThat(FaultSpec.latency("a.exchange.test", Duration.ofMillis(250)).latency()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new FaultSpec(null, null, Duration.ofMillis(5), null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems(), InstanceOfAssertFactories.LIST)
                .containsExactly(
                        "pattern is missing; give an exact name like engine.r1.exchange.test or a glob like engine.*.exchange.test",
                        "mode is missing; use one of NXDOMAIN, SERVFAIL, EMPTY, DROP, WRONG_ADDRESS, LATENCY");
    }

    @Test
    void latencyIsRequiredInRangeAndOnlyForLatency() {
        assertThatThrownBy(() -> FaultSpec.latency("a.exchange.test", null))
                .hasMessage("latencyMs is missing; mode LATENCY needs a delay in milliseconds, e.g. \"latencyMs\": 2000");
        assertThatThrownBy(() -> FaultSpec.latency("a.exchange.test", Duration.ofSeconds(61)))
                .hasMessage("latencyMs [61000] is out of range; use 1 to 60000");
        assertThatThrownBy(() -> FaultSpec.latency("a.exchange.test", Duration.ZERO))
                .hasMessage("latencyMs [0] is out of range; use 1 to 60000");
        assertThatThrownBy(() -> new FaultSpec("a.exchange.test", FaultMode.DROP, Duration.ofMillis(5), null))
                .hasMessage("latencyMs applies only to mode LATENCY; remove it or use mode LATENCY");
    }

    @Test
    void blackHoleAddressMustBeLoopbackAndOnlyForWrongAddress() {
        assertThatThrownBy(() -> FaultSpec.wrongAddress("a.exchange.test", "10.0.0.1"))
                .hasMessage("address [10.0.0.1] is not a loopback address; use one in 127.0.0.0/8, e.g. 127.0.0.254");
        assertThatThrownBy(() -> new FaultSpec("a.exchange.test", FaultMode.EMPTY, null, DnsNames.ipv4("127.0.0.9")))
                .hasMessage("address applies only to mode WRONG_ADDRESS; remove it or use mode WRONG_ADDRESS");
    }

    @Test
    void rejectsAnInvalidPattern() {
        assertThatThrownBy(() -> FaultSpec.nxdomain("a..exchange.test"))
                .hasMessage("pattern [a..exchange.test] is not a valid name or glob; use dot-separated labels of letters,"
                        + " digits, '-' or '_', where '*' matches within one label and a '**' label matches one or more labels");
    }
}
