package io.exchangechaos.server.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Real dnsjava lookups against a test server, from 127.0.0.1 only. */
final class Lookup {

    static final Duration NORMAL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private Lookup() {
    }

    static SimpleResolver resolver(DnsFaultServer server, Transport transport, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(transport == Transport.TCP ? server.tcpAddress() : server.udpAddress());
        resolver.setTCP(transport == Transport.TCP);
        resolver.setTimeout(timeout);
        resolver.setLocalAddress(new InetSocketAddress("127.0.0.1", 0));
        return resolver;
    }

    static Message query(DnsFaultServer server, Transport transport, String name, int type) throws IOException {
        return query(server, transport, name, type, NORMAL_TIMEOUT);
    }

    static Message a(DnsFaultServer server, Transport transport, String name) throws IOException {
        return query(server, transport, name, Type.A, NORMAL_TIMEOUT);
    }

    static Message query(DnsFaultServer server, Transport transport, String name, int type, Duration timeout)
            throws IOException {
        return resolver(server, transport, timeout).send(question(name, type));
    }

    static CompletableFuture<Message> async(DnsFaultServer server, Transport transport, String name, Duration timeout) {
        return resolver(server, transport, timeout).sendAsync(question(name, Type.A)).toCompletableFuture();
    }

    static Message question(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> addresses(Message reply) {
        return reply.getSection(Section.ANSWER).stream()
                .filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress().getHostAddress())
                .toList();
    }

    static List<Long> answerTtls(Message reply) {
        return reply.getSection(Section.ANSWER).stream().map(Record::getTTL).toList();
    }

    static boolean hasSoaInAuthority(Message reply) {
        return reply.getSection(Section.AUTHORITY).stream().anyMatch(SOARecord.class::isInstance);
    }
}
