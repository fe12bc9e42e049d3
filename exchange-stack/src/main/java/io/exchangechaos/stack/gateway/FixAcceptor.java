package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Weakness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mina.core.service.IoAcceptor;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

/**
 * A gateway's FIX 4.4 acceptor (QuickFIX/J): one listening socket, sessions made on demand for each initiator that
 * logs on, with TargetCompID the gateway's id or {@value #VENUE_COMP_ID} (and, with {@code senderCompIds}, only
 * those initiators). Sequence numbers and sent messages live in a file store under the gateway's FIX data directory,
 * so a restarted gateway continues every session where it stopped and can resend what a client missed; the
 * {@code volatile-fix-store} weakness keeps them in memory, so after a restart every session starts again at 1 and
 * a client that kept its own numbers is refused ("MsgSeqNum too low"). Messages are logged to files there too.
 *
 * <p>Sessions never end on a schedule and never reset on logon, logout or disconnect: only the store says where a
 * session stands.
 */
final class FixAcceptor implements AutoCloseable {
    /** The venue's CompID every gateway also answers to, so a client may use one name for all of them. */
    static final String VENUE_COMP_ID = "EXCHANGE";
    static final String BEGIN_STRING = "FIX.4.4";

    private final SocketAcceptor acceptor;
    private final FixOrderFlow flow;
    private final FillFeed fills;
    private final Gateway.FixSettings settings;
    private final boolean durable;

    private FixAcceptor(String gatewayId, Gateway.FixSettings settings, Weakness weakness, OrderPath orders) throws IOException {
        this.settings = settings;
        this.durable = weakness != Weakness.VOLATILE_FIX_STORE;
        Files.createDirectories(settings.dataDir().resolve("store"));
        Files.createDirectories(settings.dataDir().resolve("log"));
        List<CancelJournal.Entry> leftOver = new ArrayList<>();
        CancelJournal journal = CancelJournal.open(settings.dataDir().resolve("cancel-on-disconnect.journal"), leftOver);
        this.flow = new FixOrderFlow(gatewayId, orders, weakness != Weakness.NO_CANCEL_ON_DISCONNECT, journal);
        flow.cancelLeftOver(leftOver);
        this.fills = new FillFeed(orders, flow);
        flow.follow(fills);
        fills.start(Duration.ofSeconds(3));
        try {
            SessionSettings qfj = sessionSettings(gatewayId, settings);
            MessageStoreFactory store = durable ? new FileStoreFactory(qfj) : new MemoryStoreFactory();
            FileLogFactory log = new FileLogFactory(qfj);
            DefaultMessageFactory messages = new DefaultMessageFactory();
            acceptor = new SocketAcceptor(flow, store, qfj, log, messages);
            List<DynamicAcceptorSessionProvider.TemplateMapping> mappings = new ArrayList<>();
            for (String ours : List.of(gatewayId, VENUE_COMP_ID)) {
                SessionID template = template(ours);
                if (settings.senderCompIds().isEmpty()) {
                    mappings.add(new DynamicAcceptorSessionProvider.TemplateMapping(pattern(ours, "*"), template));
                } else {
                    for (String theirs : settings.senderCompIds()) {
                        mappings.add(new DynamicAcceptorSessionProvider.TemplateMapping(pattern(ours, theirs), template));
                    }
                }
            }
            SocketAddress address = new InetSocketAddress(settings.listen().host(), settings.listen().port());
            acceptor.setSessionProvider(address, new Sessions(qfj, mappings, flow, store, log, messages));
            acceptor.start();
        } catch (ConfigError | RuntimeError e) {
            fills.close();
            flow.close();
            throw new IOException("cannot start the FIX acceptor on " + settings.listen() + ": " + e.getMessage(), e);
        }
    }

    /** Sessions made on logon from a template; an initiator no template admits is turned away with one log line. */
    private static final class Sessions extends DynamicAcceptorSessionProvider {
        Sessions(SessionSettings settings, List<TemplateMapping> mappings, Application application,
                 MessageStoreFactory store, LogFactory log, MessageFactory messages) {
            super(settings, mappings, application, store, log, messages);
        }

        @Override
        public synchronized Session getSession(SessionID id, SessionConnector connector) {
            if (Session.lookupSession(id) == null && lookupTemplateID(id) == null) {
                return null;
            }
            return super.getSession(id, connector);
        }
    }

    static FixAcceptor start(String gatewayId, Gateway.FixSettings settings, Weakness weakness, OrderPath orders) throws IOException {
        return new FixAcceptor(gatewayId, settings, weakness, orders);
    }

    private static SessionID template(String ours) {
        return new SessionID(BEGIN_STRING, ours, "*");
    }

    /** Any sub and location ids: a client may send them or not. */
    private static SessionID pattern(String ours, String theirs) {
        return new SessionID(BEGIN_STRING, ours, "*", "*", theirs, "*", "*", null);
    }

    private static SessionSettings sessionSettings(String gatewayId, Gateway.FixSettings fix) {
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "acceptor");
        s.setString("BeginString", BEGIN_STRING);
        s.setString("SocketAcceptAddress", fix.listen().host());
        s.setString("SocketAcceptPort", String.valueOf(fix.listen().port()));
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("SocketReuseAddress", "Y");
        s.setString("NonStopSession", "Y");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("PersistMessages", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIX44.xml");
        // CancelOrdersOnDisconnect(8013) on Logon is a user-defined tag FIX 4.4's dictionary does not list
        s.setString("ValidateUserDefinedFields", "N");
        s.setString("AllowUnknownMsgFields", "Y");
        s.setString("FileStorePath", fix.dataDir().resolve("store").toString());
        s.setString("FileLogPath", fix.dataDir().resolve("log").toString());
        s.setString("FileLogHeartbeats", "N");
        s.setString("FileIncludeMilliseconds", "Y");
        s.setString("FileIncludeTimeStampForMessages", "Y");
        for (String ours : List.of(gatewayId, VENUE_COMP_ID)) {
            SessionID template = template(ours);
            s.setString(template, "AcceptorTemplate", "Y");
            s.setString(template, "SenderCompID", ours);
            s.setString(template, "TargetCompID", "*");
        }
        return s;
    }

    int port() {
        for (IoAcceptor io : acceptor.getEndpoints()) {
            if (io.getLocalAddress() instanceof InetSocketAddress a) {
                return a.getPort();
            }
        }
        return settings.listen().port();
    }

    /** Where each session stands, for the gateway's {@code /health}. */
    Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listen", settings.listen().host() + ":" + port());
        m.put("store", durable ? "file" : "memory");
        m.put("cancelOnDisconnect", flow.cancelOnDisconnectEnabled() ? "on" : "off");
        m.put("fillsFollowedFromTrade", fills.cursor());
        List<SessionID> ids = new ArrayList<>(acceptor.getSessions());
        List<Map<String, Object>> sessions = flow.sessions(ids);
        m.put("sessionsLoggedOn", sessions.stream().filter(x -> Boolean.TRUE.equals(x.get("loggedOn"))).count());
        m.put("sessions", sessions);
        return m;
    }

    /**
     * Logs every session out (a session that did not ask to end is cancelled on disconnect if it opted in), waits a
     * moment for those cancels, then stops.
     */
    @Override
    public void close() {
        try {
            acceptor.stop();
        } finally {
            flow.awaitCancels(Duration.ofSeconds(3));
            fills.close();
            flow.close();
        }
    }
}
