package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsResponderTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private final Clock clock = Clock.fixed(Instant.parse("2025-10-20T06:48:00Z"), ZoneOffset.UTC);
    private final Zone zone = Zone.of("exchange.test");
    private final RecordStore records = new RecordStore(zone);
    private final FaultTable faults = new FaultTable(zone, clock);
    private final DnsResponder responder = new DnsResponder(zone, records, faults, Duration.ofSeconds(5), clock);

    DnsResponderTest() {
        records.put(ZoneRecord.of("engine.r1.exchange.test", Duration.ofSeconds(7), "127.0.1.21"));
    }

    private Reply ask(String name, int type) {
        return responder.respond(Lookup.question(name, type).toWire(), CLIENT, Transport.UDP);
    }

    private static Message parse(Reply reply) throws IOException {
        return new Message(reply.wire());
    }

    @Test
    void answersAnAuthoritativeARecordEchoingIdQuestionAndRecursionDesired() throws IOException {
        Message query = Lookup.question("engine.r1.exchange.test", Type.A);
        query.getHeader().setFlag(Flags.RD);

        Message reply = parse(responder.respond(query.toWire(), CLIENT, Transport.UDP));

        assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
        assertThat(Lookup.addresses(reply)).containsExactly("127.0.1.21");
        assertThat(Lookup.answerTtls(reply)).containsExactly(7L);
    }

    @Test
    void aViewAnswersEachClientWithTheAddressItCanReachAndLogsThat() throws IOException {
        AnswerView byClient = (client, address) -> client.getHostAddress().startsWith("10.213.3.")
                ? DnsNames.ipv4("10.215.1.12") : address;
        DnsResponder split = new DnsResponder(zone, records, faults, Duration.ofSeconds(5), clock, byClient);
        byte[] query = Lookup.question("engine.r1.exchange.test", Type.A).toWire();

        Reply fromR2 = split.respond(query, new InetSocketAddress("10.213.3.10", 40000), Transport.UDP);
        Reply fromR1 = split.respond(query, new InetSocketAddress("10.213.2.10", 40000), Transport.UDP);

        assertThat(Lookup.addresses(parse(fromR2))).containsExactly("10.215.1.12");
        assertThat(fromR2.entry().addresses()).containsExactly("10.215.1.12");
        assertThat(Lookup.addresses(parse(fromR1))).containsExactly("127.0.1.21");
    }

    @Test
    void logsWhatTheClientGot() {
        QueryLogEntry entry = ask("engine.r1.exchange.test", Type.A).entry();

        assertThat(entry).isEqualTo(new QueryLogEntry(clock.instant(), "127.0.0.1:40000", Transport.UDP,
                "engine.r1.exchange.test", "A", QueryOutcome.ANSWER, List.of("127.0.1.21"), Duration.ZERO, null, null));
        assertThat(entry.rcode()).isEqualTo("NOERROR");
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() throws IOException {
        Message reply = parse(ask("r1.exchange.test", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(Lookup.hasSoaInAuthority(reply)).isTrue();
    }

    @Test
    void apexAnswersItsSoa() throws IOException {
        Message reply = parse(ask("exchange.test", Type.SOA));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getType()).isEqualTo(Type.SOA);
            assertThat(r.getTTL()).isEqualTo(5);
        });
    }

    @Test
    void otherClassesAreRefused() throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("engine.r1.exchange.test."), Type.A, DClass.CH));

        Reply reply = responder.respond(query.toWire(), CLIENT, Transport.UDP);

        assertThat(parse(reply).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(reply.entry().outcome()).isEqualTo(QueryOutcome.REFUSED);
    }

    @Test
    void otherOpcodesAreNotImplemented() throws IOException {
        Message query = Lookup.question("engine.r1.exchange.test", Type.A);
        query.getHeader().setOpcode(Opcode.STATUS);

        assertThat(parse(responder.respond(query.toWire(), CLIENT, Transport.UDP)).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void garbageWithAHeaderGetsFormerrAndShorterGarbageNothing() throws IOException {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x05, 0, 0, 0, 0, 0, 0, 1, 2, 3};

        Reply reply = responder.respond(garbage, CLIENT, Transport.UDP);

        assertThat(parse(reply).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(parse(reply).getHeader().getID()).isEqualTo(0x1234);
        assertThat(reply.entry().outcome()).isEqualTo(QueryOutcome.FORMERR);
        assertThat(responder.respond(new byte[] {1, 2, 3}, CLIENT, Transport.UDP).sendsSomething()).isFalse();
    }

    @Test
    void neverAnswersAResponse() {
        Message response = Lookup.question("engine.r1.exchange.test", Type.A);
        response.getHeader().setFlag(Flags.QR);

        Reply reply = responder.respond(response.toWire(), CLIENT, Transport.UDP);

        assertThat(reply.sendsSomething()).isFalse();
        assertThat(reply.entry()).isNull();
    }

    @Test
    void wrongAddressAnswersTheBlackHoleWithTheRecordTtlForAOnly() throws IOException {
        faults.activate(FaultSpec.wrongAddress("engine.r1.exchange.test", "127.0.0.254"));

        Message a = parse(ask("engine.r1.exchange.test", Type.A));
        Message aaaa = parse(ask("engine.r1.exchange.test", Type.AAAA));

        assertThat(Lookup.addresses(a)).containsExactly("127.0.0.254");
        assertThat(Lookup.answerTtls(a)).containsExactly(7L);
        assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void latencyAnswersCorrectlyWithADelay() throws IOException {
        ActiveDnsFault fault = faults.activate(FaultSpec.latency("engine.r1.exchange.test", Duration.ofMillis(1500)));

        Reply reply = ask("engine.r1.exchange.test", Type.A);

        assertThat(reply.delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(Lookup.addresses(parse(reply))).containsExactly("127.0.1.21");
        assertThat(reply.entry().faultId()).isEqualTo(fault.id());
        assertThat(reply.entry().delay()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void dropSendsNothingButIsLogged() {
        ActiveDnsFault fault = faults.activate(FaultSpec.drop("engine.r1.exchange.test"));

        Reply reply = ask("engine.r1.exchange.test", Type.A);

        assertThat(reply.sendsSomething()).isFalse();
        assertThat(reply.entry().outcome()).isEqualTo(QueryOutcome.DROPPED);
        assertThat(reply.entry().rcode()).isNull();
        assertThat(reply.entry().faultId()).isEqualTo(fault.id());
    }

    @Test
    void faultsNeverApplyOutsideTheZone() throws IOException {
        faults.activate(FaultSpec.drop("**.exchange.test"));

        Reply reply = ask("engine.r1.example.com", Type.A);

        assertThat(parse(reply).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(reply.entry().faultId()).isNull();
    }

    @Test
    void udpAnswersTooBigForTheClientAreTruncatedAndTcpOnesAreNot() throws IOException {
        String[] many = IntStream.rangeClosed(1, 60).mapToObj(i -> "127.0.9." + i).toArray(String[]::new);
        records.put(ZoneRecord.of("many.exchange.test", Duration.ofSeconds(5), many));
        byte[] query = Lookup.question("many.exchange.test", Type.A).toWire();

        Message udp = new Message(responder.respond(query, CLIENT, Transport.UDP).wire());
        Message tcp = new Message(responder.respond(query, CLIENT, Transport.TCP).wire());

        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(Lookup.addresses(tcp)).hasSize(60);
    }

    @Test
    void ednsQueriesGetAnOptRecordBack() throws IOException {
        Message query = Lookup.question("engine.r1.exchange.test", Type.A);
        query.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);

        Message reply = new Message(responder.respond(query.toWire(), CLIENT, Transport.UDP).wire());

        assertThat(reply.getOPT()).isNotNull();
    }
}
