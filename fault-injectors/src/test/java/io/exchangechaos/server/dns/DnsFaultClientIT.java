package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Rcode;

/** The HTTP client against a real server, and the proof that harness code cannot tell it from the server itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsFaultClientIT {

    private static final String R1 = "engine.r1.exchange.test";
    private static final String R2 = "engine.r2.exchange.test";

    private DnsFaultServer server;
    private DnsFaultClient client;

    @BeforeAll
    void start() throws IOException {
        server = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test")
                .withRecord(R1, "127.0.1.21")
                .withRecord(R2, "127.0.2.21"));
        client = server.client();
    }

    @AfterEach
    void heal() {
        server.clearFaults();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    Stream<Arguments> controls() {
        return Stream.of(Arguments.of("in-process", server), Arguments.of("over HTTP", client));
    }

    // The server is AutoCloseable: without autoCloseArguments = false JUnit would close it after its run.
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("controls")
    void harnessCodeWorksTheSameInProcessAndOverHttp(String how, DnsFaultControl control) throws IOException {
        Instant before = Instant.now();

        try (FaultHandle fault = control.inject(FaultSpec.latency(R1, Duration.ofMillis(20)));
             FaultHandle other = control.inject(FaultSpec.nxdomain(R2))) {
            assertThat(fault.fault().mode()).isEqualTo(FaultMode.LATENCY);
            assertThat(fault.fault().spec().latency()).isEqualTo(Duration.ofMillis(20));
            assertThat(control.faults()).extracting(ActiveDnsFault::id).containsExactly(fault.id(), other.id());
            assertThat(Lookup.a(server, Transport.UDP, R2).getRcode()).isEqualTo(Rcode.NXDOMAIN);

            other.close();

            assertThat(control.faults()).extracting(ActiveDnsFault::id).containsExactly(fault.id());
            assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R2))).containsExactly("127.0.2.21");
            assertThat(control.queries(QueryFilter.all().forName(R2).since(before)))
                    .extracting(QueryLogEntry::outcome, QueryLogEntry::faultId)
                    .containsExactly(tuple(QueryOutcome.NXDOMAIN, other.id()),
                            tuple(QueryOutcome.ANSWER, null));
            assertThat(control.queryCounts().countForFault(other.id())).isEqualTo(1);
        }
        assertThat(control.faults()).isEmpty();

        ZoneRecord record = control.putRecord(ZoneRecord.of("engine.r7.exchange.test", Duration.ofSeconds(2), "127.0.7.21"));
        assertThat(control.record("ENGINE.R7.exchange.test")).contains(record);
        assertThat(control.putRecord("engine.r7.exchange.test", List.of(DnsNames.ipv4("127.0.7.22"))).ttl())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(control.records()).extracting(ZoneRecord::name).contains("engine.r7.exchange.test");
        assertThat(control.removeRecord("engine.r7.exchange.test")).isTrue();
        assertThat(control.removeRecord("engine.r7.exchange.test")).isFalse();
        assertThat(control.record("engine.r7.exchange.test")).isEmpty();

        assertThat(control.heal("dns-999")).isFalse();
        assertThat(control.status().zone()).isEqualTo("exchange.test");
        assertThat(control.status().udp()).isEqualTo(DnsNames.hostPort(server.udpAddress()));
    }

    @Test
    void clearFaultsHealsEverythingAndSaysHowMany() {
        client.inject(FaultSpec.drop(R1));
        client.inject(FaultSpec.wrongAddress(R2));

        assertThat(client.clearFaults()).isEqualTo(2);
        assertThat(server.faults()).isEmpty();
    }

    @Test
    void wrongAddressOverHttpGetsTheServersBlackHole() {
        FaultHandle fault = client.inject(FaultSpec.wrongAddress(R1));

        assertThat(fault.fault().spec().address().getHostAddress()).isEqualTo("127.0.0.254");
    }

    @Test
    void serverSideRejectionsCarryTheServersMessage() {
        assertThatThrownBy(() -> client.inject(FaultSpec.nxdomain("engine.r1.example.com")))
                .isInstanceOfSatisfying(DnsFaultClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.serverError()).isEqualTo(
                            "pattern [engine.r1.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test");
                    assertThat(e).hasMessage("POST /faults failed with 400: pattern [engine.r1.example.com] is outside"
                            + " zone [exchange.test]; use a name ending in .exchange.test");
                });
    }

    @Test
    void anUnreachableServerIsReportedWithTheFix() throws IOException {
        DnsFaultServer gone = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test"));
        DnsFaultClient orphan = gone.client().withTimeout(Duration.ofSeconds(2));
        gone.close();

        await().atMost(Duration.ofSeconds(3)).until(() -> !orphan.isUp());
        assertThatThrownBy(orphan::faults)
                .isInstanceOfSatisfying(DnsFaultClientException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("DNS fault server at [" + orphan.baseUri() + "] is not reachable (")
                .hasMessageEndingWith("); start it (DnsFaultServerMain or ./chaos stack up) or check its control address");
    }
}
