package io.exchangechaos.stack.gateway;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * A real QuickFIX/J initiator with one FIX 4.4 session, as a member firm would run it: it logs on, reconnects every
 * second when the connection drops, keeps its sequence numbers in memory for as long as it runs, and records every
 * application message and session event it sees.
 */
final class FixTestClient implements AutoCloseable {
    final SessionID id;
    private final SocketInitiator initiator;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Message> taken = new ArrayList<>();

    /**
     * @param cancelOnDisconnect the value of CancelOrdersOnDisconnect(8013) on Logon, or null to leave it out
     */
    FixTestClient(String sender, String target, int port, String cancelOnDisconnect, int heartBtInt) throws Exception {
        id = new SessionID("FIX.4.4", sender, target);
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", "127.0.0.1");
        s.setString("SocketConnectPort", String.valueOf(port));
        s.setString("HeartBtInt", String.valueOf(heartBtInt));
        s.setString("ReconnectInterval", "1");
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIX44.xml");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString(id, "BeginString", "FIX.4.4");
        Application app = new Application() {
            @Override
            public void onCreate(SessionID sessionId) {
            }

            @Override
            public void onLogon(SessionID sessionId) {
                events.add("logon");
            }

            @Override
            public void onLogout(SessionID sessionId) {
                events.add("logout");
            }

            @Override
            public void toAdmin(Message message, SessionID sessionId) {
                if (cancelOnDisconnect != null && isType(message, MsgType.LOGON)) {
                    message.setString(FixOrderFlow.CANCEL_ORDERS_ON_DISCONNECT, cancelOnDisconnect);
                }
            }

            @Override
            public void fromAdmin(Message message, SessionID sessionId) {
                if (isType(message, MsgType.REJECT) || isType(message, MsgType.LOGOUT)) {
                    received.add(message);
                }
            }

            @Override
            public void toApp(Message message, SessionID sessionId) {
            }

            @Override
            public void fromApp(Message message, SessionID sessionId) {
                received.add(message);
            }
        };
        initiator = new SocketInitiator(app, new MemoryStoreFactory(), s, new RecordingLogs(), new DefaultMessageFactory());
        initiator.start();
    }

    private static boolean isType(Message m, String type) {
        try {
            return type.equals(m.getHeader().getString(MsgType.FIELD));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    boolean loggedOn() {
        Session s = Session.lookupSession(id);
        return s != null && s.isLoggedOn();
    }

    FixTestClient awaitLogon(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!loggedOn()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " not logged on within " + limit + "; events: " + events);
            }
            Thread.sleep(10);
        }
        return this;
    }

    Session session() {
        return Session.lookupSession(id);
    }

    void send(Message m) {
        if (!session().send(m)) {
            throw new AssertionError("could not send " + m + " on " + id + "; events: " + events);
        }
    }

    static NewOrderSingle limit(String clOrdId, long account, String symbol, char side, long quantity, long price) {
        NewOrderSingle o = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side), new TransactTime(now()), new OrdType(OrdType.LIMIT));
        o.set(new Account(String.valueOf(account)));
        o.set(new Symbol(symbol));
        o.set(new OrderQty(quantity));
        o.set(new Price(price));
        return o;
    }

    static NewOrderSingle market(String clOrdId, long account, String symbol, char side, long quantity) {
        NewOrderSingle o = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side), new TransactTime(now()), new OrdType(OrdType.MARKET));
        o.set(new Account(String.valueOf(account)));
        o.set(new Symbol(symbol));
        o.set(new OrderQty(quantity));
        return o;
    }

    /** The same order sent again as a possible duplicate (PossDupFlag=Y with its OrigSendingTime). */
    static NewOrderSingle possDup(NewOrderSingle o) {
        NewOrderSingle again = (NewOrderSingle) o.clone();
        again.getHeader().setBoolean(PossDupFlag.FIELD, true);
        again.getHeader().setUtcTimeStamp(OrigSendingTime.FIELD, now().minusSeconds(1));
        return again;
    }

    static OrderCancelRequest cancel(String clOrdId, String orig, long account, String symbol, char side) {
        OrderCancelRequest c = new OrderCancelRequest(new OrigClOrdID(orig), new ClOrdID(clOrdId), new Side(side), new TransactTime(now()));
        c.set(new Symbol(symbol));
        c.set(new Account(String.valueOf(account)));
        return c;
    }

    static OrderStatusRequest status(String clOrdId, String symbol, char side) {
        OrderStatusRequest s = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(side));
        s.set(new Symbol(symbol));
        return s;
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    /** The next received message matching, in arrival order; each message is taken once. */
    Message next(Predicate<Message> matching, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            synchronized (taken) {
                for (Message m : received) {
                    if (!taken.contains(m) && matching.test(m)) {
                        taken.add(m);
                        return m;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching message on " + id + " within " + limit + "; received: " + received
                    + "; events: " + events);
            }
            Thread.sleep(5);
        }
    }

    /** Every received message matching, taken or not. */
    List<Message> all(Predicate<Message> matching) {
        List<Message> out = new ArrayList<>();
        for (Iterator<Message> it = received.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (matching.test(m)) {
                out.add(m);
            }
        }
        return out;
    }

    static Predicate<Message> about(String clOrdId, String msgType) {
        return m -> isType(m, msgType) && clOrdId.equals(field(m, ClOrdID.FIELD));
    }

    static Predicate<Message> report(String clOrdId, char execType) {
        return m -> isType(m, MsgType.EXECUTION_REPORT) && clOrdId.equals(field(m, ClOrdID.FIELD))
            && String.valueOf(execType).equals(field(m, ExecType.FIELD));
    }

    static String field(Message m, int tag) {
        try {
            return m.isSetField(tag) ? m.getString(tag) : null;
        } catch (FieldNotFound e) {
            return null;
        }
    }

    /** Logs out (and waits for the answer), then stops. */
    @Override
    public void close() {
        initiator.stop();
    }

    /** Session events (logon, rejects, "MsgSeqNum too low", disconnects) into {@link #events}. */
    private final class RecordingLogs implements LogFactory {
        @Override
        public Log create(SessionID sessionID) {
            return new Log() {
                @Override
                public void clear() {
                }

                @Override
                public void onIncoming(String message) {
                }

                @Override
                public void onOutgoing(String message) {
                }

                @Override
                public void onEvent(String text) {
                    events.add(text);
                }

                @Override
                public void onErrorEvent(String text) {
                    events.add(text);
                }
            };
        }
    }
}
