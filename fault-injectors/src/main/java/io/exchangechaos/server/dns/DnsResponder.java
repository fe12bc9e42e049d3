package io.exchangechaos.server.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query (wire bytes) into a reply and a log entry. Pure apart from reading the
 * records, the faults and the clock, so it is tested without sockets.
 */
final class DnsResponder {

    private static final int CLASSIC_UDP_LIMIT = 512;
    private static final int MAX_UDP_PAYLOAD = 4096;
    private static final int OUR_EDNS_PAYLOAD = 1232;
    private static final int TCP_LIMIT = 65535;

    private final Zone zone;
    private final RecordStore records;
    private final AnswerView view;
    private final FaultTable faults;
    private final Duration negativeTtl;
    private final Clock clock;

    DnsResponder(Zone zone, RecordStore records, FaultTable faults, Duration negativeTtl, Clock clock) {
        this(zone, records, faults, negativeTtl, clock, AnswerView.SAME_FOR_ALL);
    }

    DnsResponder(Zone zone, RecordStore records, FaultTable faults, Duration negativeTtl, Clock clock, AnswerView view) {
        this.view = view;
        this.zone = zone;
        this.records = records;
        this.faults = faults;
        this.negativeTtl = negativeTtl;
        this.clock = clock;
    }

    Reply respond(byte[] wire, InetSocketAddress client, Transport transport) {
        Instant now = clock.instant();
        String from = DnsNames.hostPort(client);
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return malformed(wire, now, from, transport);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return Reply.ignored(); // a response, not a query: answering it could start a loop
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            int rcode = question == null ? Rcode.FORMERR : Rcode.NOTIMP;
            QueryOutcome outcome = question == null ? QueryOutcome.FORMERR : QueryOutcome.NOTIMP;
            String name = question == null ? "" : DnsNames.canonical(question.getName());
            String type = question == null ? "" : Type.string(question.getType());
            Message reply = reply(query, rcode, false);
            return new Reply(toWire(reply, query, transport), Duration.ZERO,
                    entry(now, from, transport, name, type, outcome, List.of(), Duration.ZERO, null));
        }
        String name = DnsNames.canonical(question.getName());
        String type = Type.string(question.getType());
        boolean inClass = question.getDClass() == DClass.IN || question.getDClass() == DClass.ANY;
        if (!inClass || !zone.contains(name)) {
            // Not ours: faults never apply outside the zone.
            Message reply = reply(query, Rcode.REFUSED, false);
            return new Reply(toWire(reply, query, transport), Duration.ZERO,
                    entry(now, from, transport, name, type, QueryOutcome.REFUSED, List.of(), Duration.ZERO, null));
        }
        Optional<ActiveDnsFault> fault = faults.match(name);
        if (fault.isPresent() && fault.get().mode() == FaultMode.DROP) {
            return new Reply(null, Duration.ZERO,
                    entry(now, from, transport, name, type, QueryOutcome.DROPPED, List.of(), Duration.ZERO, fault.get()));
        }
        Message reply = fault.map(f -> faulted(query, question, name, f, client)).orElseGet(() -> normal(query, question, name, client));
        Duration delay = fault.filter(f -> f.mode() == FaultMode.LATENCY).map(f -> f.spec().latency()).orElse(Duration.ZERO);
        List<String> addresses = reply.getSection(Section.ANSWER).stream()
                .filter(ARecord.class::isInstance)
                .map(r -> DnsNames.text(((ARecord) r).getAddress()))
                .toList();
        return new Reply(toWire(reply, query, transport), delay,
                entry(now, from, transport, name, type, outcome(reply), addresses, delay, fault.orElse(null)));
    }

    private Message normal(Message query, Record question, String name, InetSocketAddress client) {
        int qtype = question.getType();
        Optional<ZoneRecord> record = records.get(name);
        if (record.isPresent()) {
            Message reply = reply(query, Rcode.NOERROR, true);
            if (qtype == Type.A || qtype == Type.ANY) {
                List<Inet4Address> addresses = client == null || client.getAddress() == null ? record.get().addresses()
                        : record.get().addresses().stream().map(a -> view.answer(client.getAddress(), a)).toList();
                addAddresses(reply, question, addresses, record.get().ttl());
            } else {
                addSoa(reply, Section.AUTHORITY);
            }
            return reply;
        }
        if (zone.isApex(name) || records.hasDescendant(name)) {
            Message reply = reply(query, Rcode.NOERROR, true);
            addSoa(reply, zone.isApex(name) && (qtype == Type.SOA || qtype == Type.ANY) ? Section.ANSWER : Section.AUTHORITY);
            return reply;
        }
        Message reply = reply(query, Rcode.NXDOMAIN, true);
        addSoa(reply, Section.AUTHORITY);
        return reply;
    }

    private Message faulted(Message query, Record question, String name, ActiveDnsFault fault, InetSocketAddress client) {
        switch (fault.mode()) {
            case NXDOMAIN: {
                Message reply = reply(query, Rcode.NXDOMAIN, true);
                addSoa(reply, Section.AUTHORITY);
                return reply;
            }
            case SERVFAIL:
                return reply(query, Rcode.SERVFAIL, false);
            case EMPTY: {
                Message reply = reply(query, Rcode.NOERROR, true);
                addSoa(reply, Section.AUTHORITY);
                return reply;
            }
            case WRONG_ADDRESS: {
                Message reply = reply(query, Rcode.NOERROR, true);
                if (question.getType() == Type.A || question.getType() == Type.ANY) {
                    Duration ttl = records.get(name).map(ZoneRecord::ttl).orElse(negativeTtl);
                    addAddresses(reply, question, List.of(fault.spec().address()), ttl);
                } else {
                    addSoa(reply, Section.AUTHORITY);
                }
                return reply;
            }
            case LATENCY:
                return normal(query, question, name, client);
            default:
                throw new IllegalStateException("fault mode [" + fault.mode() + "] has no reply");
        }
    }

    private Message reply(Message query, int rcode, boolean authoritative) {
        Message reply = new Message(query.getHeader().getID());
        Header header = reply.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (authoritative) {
            header.setFlag(Flags.AA);
        }
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setRcode(rcode);
        if (query.getQuestion() != null) {
            reply.addRecord(query.getQuestion(), Section.QUESTION);
        }
        if (query.getOPT() != null) {
            reply.addRecord(new OPTRecord(OUR_EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return reply;
    }

    private void addAddresses(Message reply, Record question, List<Inet4Address> addresses, Duration ttl) {
        for (Inet4Address address : addresses) {
            // The question's own spelling of the name, so case-sensitive clients match it.
            reply.addRecord(new ARecord(question.getName(), DClass.IN, ttl.toSeconds(), address), Section.ANSWER);
        }
    }

    /** The SOA in a negative answer is what lets clients cache it (RFC 2308); its minimum is the zone TTL. */
    private void addSoa(Message reply, int section) {
        long ttl = negativeTtl.toSeconds();
        reply.addRecord(new SOARecord(zone.origin(), DClass.IN, ttl, zone.name("ns"), zone.name("hostmaster"),
                records.version(), 3600, 600, 86400, ttl), section);
    }

    private static QueryOutcome outcome(Message reply) {
        switch (reply.getRcode()) {
            case Rcode.NOERROR:
                return reply.getSection(Section.ANSWER).isEmpty() ? QueryOutcome.NODATA : QueryOutcome.ANSWER;
            case Rcode.NXDOMAIN:
                return QueryOutcome.NXDOMAIN;
            case Rcode.SERVFAIL:
                return QueryOutcome.SERVFAIL;
            case Rcode.REFUSED:
                return QueryOutcome.REFUSED;
            case Rcode.NOTIMP:
                return QueryOutcome.NOTIMP;
            default:
                return QueryOutcome.FORMERR;
        }
    }

    /** Truncates (TC bit) to what the client can take over UDP; TCP takes up to 64 KiB. */
    private static byte[] toWire(Message reply, Message query, Transport transport) {
        if (transport == Transport.TCP) {
            return reply.toWire(TCP_LIMIT);
        }
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.getPayloadSize(), MAX_UDP_PAYLOAD));
        return reply.toWire(limit);
    }

    private Reply malformed(byte[] wire, Instant now, String from, Transport transport) {
        if (wire.length < Header.LENGTH) {
            return Reply.ignored(); // not even a header to answer to
        }
        Header header;
        try {
            header = new Header(wire);
        } catch (IOException e) {
            return Reply.ignored();
        }
        if (header.getFlag(Flags.QR)) {
            return Reply.ignored();
        }
        Message reply = new Message(header.getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setRcode(Rcode.FORMERR);
        return new Reply(reply.toWire(), Duration.ZERO,
                entry(now, from, transport, "", "", QueryOutcome.FORMERR, List.of(), Duration.ZERO, null));
    }

    private static QueryLogEntry entry(Instant now, String client, Transport transport, String name, String type,
            QueryOutcome outcome, List<String> addresses, Duration delay, ActiveDnsFault fault) {
        return new QueryLogEntry(now, client, transport, name, type, outcome, addresses, delay,
                fault == null ? null : fault.id(), fault == null ? null : fault.mode());
    }
}
