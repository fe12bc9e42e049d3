package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The server over real sockets, queried with dnsjava's SimpleResolver over UDP and TCP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsFaultServerIT {

    private static final String R1 = "engine.r1.exchange.test";
    private static final String R2 = "engine.r2.exchange.test";
    private static final String R3 = "engine.r3.exchange.test";

    private DnsFaultServer server;

    @BeforeAll
    void start() throws IOException {
        server = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test")
                .withoutControlApi()
                .withTtl(Duration.ofSeconds(7))
                .withRecord(R1, "127.0.1.21")
                .withRecord(R2, "127.0.2.21")
                .withRecord(R3, "127.0.3.21")
                .withRecord("config.exchange.test", "127.0.0.31", "127.0.0.32"));
    }

    @AfterEach
    void heal() {
        server.clearFaults();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void listensOnLoopbackWithOnePortForUdpAndTcp() {
        assertThat(server.udpAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.udpAddress().getPort()).isPositive().isEqualTo(server.tcpAddress().getPort());
        assertThat(server.controlAddress()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answersConfiguredAddressesWithTheConfiguredTtl(Transport transport) throws IOException {
        Message reply = Lookup.a(server, transport, R1);
        Message two = Lookup.a(server, transport, "config.exchange.test");

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(Lookup.addresses(reply)).containsExactly("127.0.1.21");
        assertThat(Lookup.answerTtls(reply)).containsExactly(7L);
        assertThat(Lookup.addresses(two)).containsExactly("127.0.0.31", "127.0.0.32");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownNameInTheZoneIsNxdomainWithSoa(Transport transport) throws IOException {
        Message reply = Lookup.a(server, transport, "engine.r9.exchange.test");

        assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(Lookup.hasSoaInAuthority(reply)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void namesOutsideTheZoneAreRefused(Transport transport) throws IOException {
        Message reply = Lookup.a(server, transport, "dynamodb.us-east-1.amazonaws.com");

        assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void otherTypeOfAKnownNameIsNoErrorWithoutAnswerButWithSoa(Transport transport) throws IOException {
        Message reply = Lookup.query(server, transport, R1, Type.AAAA);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(Lookup.hasSoaInAuthority(reply)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nxdomainFault(Transport transport) throws IOException {
        server.inject(FaultSpec.nxdomain(R1));

        Message reply = Lookup.a(server, transport, R1);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(Lookup.hasSoaInAuthority(reply)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servfailFault(Transport transport) throws IOException {
        server.inject(FaultSpec.servfail(R1));

        assertThat(Lookup.a(server, transport, R1).getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyFaultIsNoErrorWithNoAddressesLikeTheAwsEmptyRecord(Transport transport) throws IOException {
        server.inject(FaultSpec.empty(R1));

        Message reply = Lookup.a(server, transport, R1);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(Lookup.hasSoaInAuthority(reply)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dropFaultLetsTheClientTimeOut(Transport transport) {
        server.inject(FaultSpec.drop(R1));

        assertThatThrownBy(() -> Lookup.query(server, transport, R1, Type.A, Lookup.SHORT_TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageStartingWith("Timed out while trying to resolve");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrongAddressFaultAnswersTheBlackHole(Transport transport) throws IOException {
        server.inject(FaultSpec.wrongAddress(R1));
        server.inject(FaultSpec.wrongAddress(R2, "127.0.0.9"));

        Message reply = Lookup.a(server, transport, R1);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Lookup.addresses(reply)).containsExactly("127.0.0.254");
        assertThat(Lookup.answerTtls(reply)).containsExactly(7L);
        assertThat(Lookup.addresses(Lookup.a(server, transport, R2))).containsExactly("127.0.0.9");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void latencyFaultAnswersCorrectlyAfterTheDelayWithoutDelayingOtherNames(Transport transport) {
        Duration latency = Duration.ofMillis(1000);
        server.inject(FaultSpec.latency(R1, latency));

        long start = System.nanoTime();
        CompletableFuture<Long> slow = Lookup.async(server, transport, R1, Duration.ofSeconds(5))
                .thenApply(reply -> {
                    assertThat(Lookup.addresses(reply)).containsExactly("127.0.1.21");
                    return elapsedMs(start);
                });
        CompletableFuture<Long> fast = Lookup.async(server, transport, R2, Duration.ofSeconds(5))
                .thenApply(reply -> {
                    assertThat(Lookup.addresses(reply)).containsExactly("127.0.2.21");
                    return elapsedMs(start);
                });

        long slowMs = slow.orTimeout(5, TimeUnit.SECONDS).join();
        long fastMs = fast.orTimeout(5, TimeUnit.SECONDS).join();
        // Generous upper bounds: the machine may be busy; the point is "late by the latency" and "not late".
        assertThat(slowMs).isBetween(latency.toMillis(), latency.toMillis() + 1_500);
        assertThat(fastMs).isLessThan(latency.toMillis() * 6 / 10);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The blast-radius bug: a fault on one name must never change another name's answer. */
    @ParameterizedTest
    @EnumSource(FaultMode.class)
    void aFaultOnOneNameLeavesEveryOtherNameAnswering(FaultMode mode) throws IOException {
        FaultSpec spec = switch (mode) {
            case LATENCY -> FaultSpec.latency(R1, Duration.ofSeconds(5));
            default -> FaultSpec.of(R1, mode);
        };
        server.inject(spec);

        for (Transport transport : Transport.values()) {
            long start = System.nanoTime();
            assertThat(Lookup.addresses(Lookup.a(server, transport, R2))).containsExactly("127.0.2.21");
            assertThat(Lookup.addresses(Lookup.a(server, transport, R3))).containsExactly("127.0.3.21");
            assertThat(Lookup.addresses(Lookup.a(server, transport, "config.exchange.test"))).hasSize(2);
            assertThat(elapsedMs(start)).isLessThan(2_000);
        }
    }

    @Test
    void healingOneOfTwoFaultsLeavesTheOtherInPlace() throws IOException {
        FaultHandle r1 = server.inject(FaultSpec.nxdomain(R1));
        FaultHandle r2 = server.inject(FaultSpec.servfail(R2));

        r1.close();

        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R1))).containsExactly("127.0.1.21");
        assertThat(Lookup.a(server, Transport.UDP, R2).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(server.faults()).extracting(ActiveDnsFault::id).containsExactly(r2.id());

        r1.close(); // healing twice is harmless and does not touch r2
        assertThat(server.faults()).hasSize(1);
        assertThat(server.heal(r2.id())).isTrue();
        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R2))).containsExactly("127.0.2.21");
    }

    @Test
    void clearFaultsHealsAll() throws IOException {
        server.inject(FaultSpec.nxdomain(R1));
        server.inject(FaultSpec.empty(R2));

        assertThat(server.clearFaults()).isEqualTo(2);

        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R1))).containsExactly("127.0.1.21");
        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R2))).containsExactly("127.0.2.21");
    }

    @Test
    void globFaultCoversItsNamesOnly() throws IOException {
        server.inject(FaultSpec.empty("engine.*.exchange.test"));

        for (String engine : List.of(R1, R2, R3)) {
            Message reply = Lookup.a(server, Transport.UDP, engine);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getSection(Section.ANSWER)).as(engine).isEmpty();
        }
        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, "config.exchange.test"))).hasSize(2);
    }

    @Test
    void regionGlobCoversOneRegion() throws IOException {
        server.inject(FaultSpec.nxdomain("**.r1.exchange.test"));

        assertThat(Lookup.a(server, Transport.TCP, R1).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(Lookup.addresses(Lookup.a(server, Transport.TCP, R2))).containsExactly("127.0.2.21");
    }

    @Test
    void recordsChangeAtRunTime() throws IOException {
        server.putRecord(ZoneRecord.of("engine.r4.exchange.test", Duration.ofSeconds(1), "127.0.4.21"));
        Message added = Lookup.a(server, Transport.UDP, "engine.r4.exchange.test");
        assertThat(Lookup.addresses(added)).containsExactly("127.0.4.21");
        assertThat(Lookup.answerTtls(added)).containsExactly(1L);

        assertThat(server.removeRecord("engine.r4.exchange.test")).isTrue();
        assertThat(Lookup.a(server, Transport.UDP, "engine.r4.exchange.test").getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void queryLogRecordsClientNameOutcomeAndFault() throws IOException {
        Instant before = Instant.now();
        FaultHandle fault = server.inject(FaultSpec.nxdomain(R3));
        Lookup.a(server, Transport.UDP, R3);
        Lookup.a(server, Transport.TCP, R3);
        fault.close();
        Lookup.a(server, Transport.UDP, R3);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(server.queries(QueryFilter.all().forName(R3).since(before))).hasSize(3));
        List<QueryLogEntry> entries = server.queries(QueryFilter.all().forName(R3).since(before));
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.client()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(e.name()).isEqualTo(R3);
            assertThat(e.type()).isEqualTo("A");
            assertThat(e.time()).isAfterOrEqualTo(before);
        });
        assertThat(entries).extracting(QueryLogEntry::transport, QueryLogEntry::outcome, QueryLogEntry::faultId,
                QueryLogEntry::faultMode).containsExactly(
                tuple(Transport.UDP, QueryOutcome.NXDOMAIN, fault.id(), FaultMode.NXDOMAIN),
                tuple(Transport.TCP, QueryOutcome.NXDOMAIN, fault.id(), FaultMode.NXDOMAIN),
                tuple(Transport.UDP, QueryOutcome.ANSWER, null, null));
        assertThat(entries.get(2).addresses()).containsExactly("127.0.3.21");

        QueryCounts counts = server.queryCounts();
        assertThat(counts.count(R3, QueryOutcome.NXDOMAIN)).isGreaterThanOrEqualTo(2);
        assertThat(counts.countForFault(fault.id())).isEqualTo(2);
    }

    @Test
    void droppedAndDelayedQueriesAreLoggedAsSuch() {
        FaultHandle drop = server.inject(FaultSpec.drop(R2));
        assertThatThrownBy(() -> Lookup.query(server, Transport.UDP, R2, Type.A, Lookup.SHORT_TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageStartingWith("Timed out while trying to resolve");

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.queries(QueryFilter.all().forName(R2)))
                .anySatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo(QueryOutcome.DROPPED);
                    assertThat(e.faultId()).isEqualTo(drop.id());
                }));
    }

    @Test
    void tcpAcceptsPipelinedAndSplitMessagesOnOneConnection() throws IOException {
        byte[] first = Lookup.question(R1, Type.A).toWire();
        byte[] second = Lookup.question(R2, Type.A).toWire();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            socket.connect(server.tcpAddress(), 2_000);
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            ByteBuffer both = ByteBuffer.allocate(4 + first.length + second.length);
            both.putShort((short) first.length).put(first).putShort((short) second.length).put(second);
            byte[] bytes = both.array();
            out.write(bytes, 0, 3); // a length prefix split from its message
            out.flush();
            out.write(bytes, 3, bytes.length - 3);
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<String> answers = IntStream.range(0, 2).mapToObj(i -> readAnswer(in)).toList();

            assertThat(answers).containsExactlyInAnyOrder("127.0.1.21", "127.0.2.21");
        }
    }

    private static String readAnswer(DataInputStream in) {
        try {
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return Lookup.addresses(new Message(reply)).get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void udpGarbageGetsFormerr() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(3_000);
            byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x05, 0, 0, 0, 0, 0, 0, 1, 2, 3};
            socket.send(new DatagramPacket(garbage, garbage.length, server.udpAddress()));
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            socket.receive(packet);

            Message reply = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(reply.getHeader().getID()).isEqualTo(0x1234);
        }
    }

    @Test
    void aBusyPortIsReportedWithTheFix() {
        DnsServerConfig clash = DnsServerConfig.forZone("exchange.test").withoutControlApi()
                .withDnsListen(server.udpAddress());

        assertThatThrownBy(() -> DnsFaultServer.start(clash).close())
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("cannot listen for DNS on [" + DnsNames.hostPort(server.udpAddress()) + "]/udp: ")
                .hasMessageEndingWith("; stop the process using it or choose another listen port");
    }
}
