package io.exchangechaos.stack.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.stack.common.HostPort;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** The resolver against a real UDP DNS answerer whose answers the test turns empty, as on 2025-10-20. */
class EngineResolverTest {
    private static final String FOLLOWER = "engine.r2.exchange.test";
    private static final String ADDRESS = "127.0.2.20";

    private final AtomicBoolean empty = new AtomicBoolean();
    private DatagramSocket socket;
    private Thread answerer;

    @BeforeEach
    void startAnswerer() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        answerer = new Thread(this::answer, "test-dns");
        answerer.setDaemon(true);
        answerer.start();
    }

    @AfterEach
    void stopAnswerer() throws InterruptedException {
        socket.close();
        answerer.join(2_000);
    }

    @Test
    void aPrimedFollowerIsStillReachableWhenDnsTurnsEmptyBeforeItsFirstOrder() throws Exception {
        EngineResolver resolver = resolver(true);
        resolver.prime(List.of(FOLLOWER, "127.0.0.1")).get(5, TimeUnit.SECONDS);
        empty.set(true);

        assertThat(resolver.resolve(FOLLOWER)).containsExactly(InetAddress.getByName(ADDRESS));
    }

    @Test
    void anUnprimedNameHasNothingToServeWhenDnsTurnsEmpty() {
        EngineResolver resolver = resolver(true);
        empty.set(true);

        assertThatThrownBy(() -> resolver.resolve(FOLLOWER))
            .isInstanceOf(UnknownHostException.class)
            .hasMessageContaining("NOERROR with no addresses");
    }

    @Test
    void withoutACachePrimingKeepsNothing() throws Exception {
        EngineResolver resolver = resolver(false);
        resolver.prime(List.of(FOLLOWER)).get(5, TimeUnit.SECONDS);
        empty.set(true);

        assertThatThrownBy(() -> resolver.resolve(FOLLOWER)).isInstanceOf(UnknownHostException.class);
    }

    private EngineResolver resolver(boolean cached) {
        return new EngineResolver(new HostPort("127.0.0.1", socket.getLocalPort()), cached, Duration.ofMillis(500));
    }

    private void answer() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(packet.getData());
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                Record question = query.getQuestion();
                response.addRecord(question, Section.QUESTION);
                if (!empty.get()) {
                    response.addRecord(new ARecord(question.getName(), DClass.IN, 30, InetAddress.getByName(ADDRESS)),
                        Section.ANSWER);
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
