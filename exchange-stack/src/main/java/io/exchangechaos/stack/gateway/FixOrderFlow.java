package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.config.ExchangeConfig;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderType;
import io.exchangechaos.stack.matching.OrderView;
import io.exchangechaos.stack.matching.Side;
import io.exchangechaos.stack.matching.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.SecondaryExecID;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

/**
 * The FIX side of a gateway: NewOrderSingle, OrderCancelRequest and OrderStatusRequest onto the same {@link OrderPath}
 * as REST, ExecutionReports back, fills from the engine's trades, and Cancel-on-Disconnect. The session layer (logon,
 * heartbeats, resends, gap fills) is QuickFIX/J's.
 *
 * <p>Answers, and what REST says for the same outcome:
 * <ul>
 *   <li>accepted (REST 200): ExecutionReport ExecType=NEW, then one ExecType=TRADE per fill as the engine's trades
 *       show them (also for a resting order filled later);</li>
 *   <li>rejected (REST 400/422/429): ExecutionReport ExecType=REJECTED, OrdRejReason and Text(58) say why;</li>
 *   <li>failed, nothing done (REST 503): BusinessMessageReject, BusinessRejectReason=4 (application not available),
 *       Text(58) says why and when to send again;</li>
 *   <li>unknown, maybe done (REST 504): ExecutionReport ExecType=PENDING_NEW (or PENDING_CANCEL), Text(58) says the
 *       outcome is unknown; the gateway keeps asking the engine and reports the order when it finds it.</li>
 * </ul>
 * A NewOrderSingle with a ClOrdID this gateway already took (a resend with PossDupFlag or not) places nothing: it is
 * answered ExecType=ORDER_STATUS with the order as the engine has it. One it does not know goes to the engine, which
 * is idempotent on the client order id, so it never makes a second order either.
 *
 * <p>Cancel-on-Disconnect: a session that logs on with CancelOrdersOnDisconnect(8013)=Y (or S) has every order it
 * placed during that logon and still resting cancelled through the engine when the session ends without a Logout
 * from the client (a TCP drop, a heartbeat timeout, the gateway shutting down); a Logout from the client cancels
 * nothing. Orders still on their way to the engine are cancelled as soon as they are answered.
 */
final class FixOrderFlow implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(FixOrderFlow.class);
    /** Coinbase's tag for Cancel-on-Disconnect at Logon: Y (or S) to opt in, N or absent not to. */
    static final int CANCEL_ORDERS_ON_DISCONNECT = 8013;
    private static final int SIDE = 54;
    private static final char BUY = '1';
    private static final char SELL = '2';
    /** How long a report that counts fills waits for those fills to be reported before it goes out anyway. */
    private static final Duration FILLS_WAIT = Duration.ofSeconds(1);
    /** How long a Cancel-on-Disconnect cancel is retried while the engine does not take it (an election). */
    private static final Duration CANCEL_RETRY_FOR = Duration.ofSeconds(15);
    /** How long the gateway keeps asking about an order whose placing had no answer. */
    private static final int RESOLVE_ATTEMPTS = 10;
    /** Orders that are done and kept only to recognise their ClOrdID when it is sent again. */
    private static final int DONE_KEPT = 100_000;

    private final String gatewayId;
    private final OrderPath orders;
    private final boolean cancelOnDisconnect;
    private final Map<String, FixOrder> byClientOrderId = new ConcurrentHashMap<>();
    /** Orders not done: resting, waiting for an answer or for fills to be reported. The fill feed follows these. */
    private final Set<FixOrder> live = ConcurrentHashMap.newKeySet();
    /** Orders with reports waiting for fills: what {@link #expireWaiting()} looks at. */
    private final Set<FixOrder> withWaiting = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> doneOrder = new ConcurrentLinkedQueue<>();
    private final Map<SessionID, Client> clients = new ConcurrentHashMap<>();
    private final String execIdPrefix;
    private final AtomicLong execIds = new AtomicLong();
    private final AtomicInteger cancelsUnderWay = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fix-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile FillFeed fills;
    /** Where Cancel-on-Disconnect orders are written down for a restart after a kill; null when CoD is off. */
    private final CancelJournal journal;

    /** One initiator as this gateway knows it, across its logons. */
    static final class Client {
        volatile String requestedCancelOnDisconnect;
        volatile boolean cancelOnDisconnect;
        /** Counts logons: an order belongs to the logon it was placed in. */
        final AtomicInteger connection = new AtomicInteger();
        /** The client sent Logout (and did not only answer ours): a graceful end, nothing to cancel. */
        volatile boolean clientLoggedOut;
        final Set<FixOrder> placed = ConcurrentHashMap.newKeySet();
        final AtomicLong cancelledOnDisconnect = new AtomicLong();
        volatile String lastEnd;
        /** The last logon ended with the client's Logout: its orders stay, and leave the journal. */
        volatile boolean loggedOut;
    }

    FixOrderFlow(String gatewayId, OrderPath orders, boolean cancelOnDisconnect, CancelJournal journal) {
        this.gatewayId = gatewayId;
        this.orders = orders;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.journal = cancelOnDisconnect ? journal : null;
        this.execIdPrefix = gatewayId + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    boolean cancelOnDisconnectEnabled() {
        return cancelOnDisconnect;
    }

    void follow(FillFeed feed) {
        this.fills = feed;
    }

    // ---- the session layer's callbacks

    @Override
    public void onCreate(SessionID sessionId) {
        clients.computeIfAbsent(sessionId, id -> new Client());
    }

    @Override
    public void onLogon(SessionID sessionId) {
        Client c = client(sessionId);
        c.connection.incrementAndGet();
        c.clientLoggedOut = false;
        c.loggedOut = false;
        String asked = c.requestedCancelOnDisconnect;
        c.cancelOnDisconnect = "Y".equals(asked) || "S".equals(asked);
    }

    @Override
    public void onLogout(SessionID sessionId) {
        Client c = client(sessionId);
        int connection = c.connection.get();
        boolean graceful = c.clientLoggedOut;
        c.clientLoggedOut = false;
        c.lastEnd = graceful ? "logout" : "dropped";
        c.loggedOut = graceful;
        if (graceful && c.cancelOnDisconnect && journal != null) {
            journal.loggedOut(token(sessionId, connection));
        }
        if (graceful || !c.cancelOnDisconnect) {
            return;
        }
        if (!cancelOnDisconnect) {
            LOG.info("{} dropped; Cancel-on-Disconnect is off (weakness no-cancel-on-disconnect): its orders stay", sessionId);
            return;
        }
        List<FixOrder> mine = new ArrayList<>();
        for (FixOrder o : c.placed) {
            if (o.connection == connection) {
                mine.add(o);
            }
        }
        LOG.info("{} dropped without a Logout: cancelling its {} orders still open (Cancel-on-Disconnect)", sessionId, mine.size());
        for (FixOrder o : mine) {
            cancelOnDisconnect(o, System.nanoTime() + CANCEL_RETRY_FOR.toNanos());
        }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        // nothing to add to the session layer's own messages
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws RejectLogon {
        String type = msgType(message);
        if (MsgType.LOGON.equals(type)) {
            String cod = message.isSetField(CANCEL_ORDERS_ON_DISCONNECT) ? string(message, CANCEL_ORDERS_ON_DISCONNECT) : "N";
            if (!Set.of("Y", "S", "N").contains(cod)) {
                throw new RejectLogon("CancelOrdersOnDisconnect(8013) [" + cod + "] must be Y, S or N");
            }
            client(sessionId).requestedCancelOnDisconnect = cod;
        } else if (MsgType.LOGOUT.equals(type)) {
            Session session = Session.lookupSession(sessionId);
            // called before the session answers: a Logout we sent first is only answered, not the client's wish
            client(sessionId).clientLoggedOut = session == null || !session.isLogoutSent();
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
        // reports are complete when they are built
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound, UnsupportedMessageType {
        String type = msgType(message);
        switch (type) {
            case MsgType.ORDER_SINGLE -> newOrder(message, sessionId);
            case MsgType.ORDER_CANCEL_REQUEST -> cancel(message, sessionId);
            case MsgType.ORDER_STATUS_REQUEST -> status(message, sessionId);
            default -> throw new UnsupportedMessageType();
        }
    }

    private Client client(SessionID sessionId) {
        return clients.computeIfAbsent(sessionId, id -> new Client());
    }

    // ---- NewOrderSingle

    private void newOrder(Message m, SessionID session) throws FieldNotFound {
        String clOrdId = m.getString(ClOrdID.FIELD);
        FixOrder known = byClientOrderId.get(clOrdId);
        if (known != null) {
            // a resend (PossDupFlag or not): nothing is placed, the order's state is the answer
            statusReport(session, clOrdId, null, true, MsgType.ORDER_SINGLE, seqNum(m));
            return;
        }
        int underWay = orders.enter();
        if (underWay >= 0) {
            businessReject(session, MsgType.ORDER_SINGLE, seqNum(m), clOrdId, "gateway " + gatewayId + " overloaded: "
                + underWay + " requests under way; nothing done, send it again after " + Gateway.RETRY_AFTER_SECONDS + " s");
            return;
        }
        boolean admitted = false;
        try {
            String[] defect = new String[1];
            ExchangeConfig config = orders.usableConfig(defect);
            if (config == null) {
                businessReject(session, MsgType.ORDER_SINGLE, seqNum(m), clOrdId, defect[0] + "; nothing done");
                return;
            }
            Command.Place place;
            try {
                place = parse(m, config);
            } catch (OrderRequest.Invalid e) {
                rejectInvalid(session, m, clOrdId, e);
                return;
            }
            Client client = client(session);
            FixOrder order = new FixOrder(place, session, client.connection.get());
            FixOrder raced = byClientOrderId.putIfAbsent(clOrdId, order);
            if (raced != null) {
                statusReport(session, clOrdId, null, true, MsgType.ORDER_SINGLE, seqNum(m));
                return;
            }
            live.add(order);
            client.placed.add(order);
            admitted = true;
            orders.place(place, config, Gateway.ENGINE_BUDGET).whenComplete((outcome, error) -> {
                orders.leave();
                placed(order, outcome != null ? outcome : new Outcome.Unknown(String.valueOf(error)), seqNum(m));
            });
        } finally {
            if (!admitted) {
                orders.leave();
            }
        }
    }

    /** The engine's answer to placing an order this gateway took. */
    private void placed(FixOrder order, Outcome outcome, int refSeqNum) {
        if (outcome instanceof Outcome.Order o) {
            accepted(order, o.view(), false);
        } else if (outcome instanceof Outcome.Refused r) {
            forget(order);
            synchronized (order) {
                order.status = OrderStatus.REJECTED;
                send(order.owner, report(order, ExecType.REJECTED, OrdStatus.REJECTED, r.reason(), "NONE",
                    r.why() == Outcome.Refused.Why.CREDIT ? OrdRejReason.ORDER_EXCEEDS_LIMIT : OrdRejReason.OTHER));
            }
        } else if (outcome instanceof Outcome.Failed f) {
            forget(order);
            businessReject(order.owner, MsgType.ORDER_SINGLE, refSeqNum, order.clientOrderId, f.reason()
                + "; nothing done, send it again" + (f.retryAfterSeconds() > 0 ? " after " + f.retryAfterSeconds() + " s" : ""));
        } else if (outcome instanceof Outcome.Broken b && b.httpStatus() != 502) {
            forget(order);
            businessReject(order.owner, MsgType.ORDER_SINGLE, refSeqNum, order.clientOrderId, b.reason() + "; nothing done");
        } else {
            String why = outcome instanceof Outcome.Unknown u ? u.reason() : ((Outcome.Broken) outcome).reason();
            synchronized (order) {
                order.outcomeUnknown = true;
                send(order.owner, report(order, ExecType.PENDING_NEW, OrdStatus.PENDING_NEW, "outcome unknown: " + why
                    + "; the order may exist. The gateway reports it when the engine answers; OrderStatusRequest to ask",
                    "NONE", null));
            }
            resolveLater(order, RESOLVE_ATTEMPTS);
        }
    }

    /**
     * The order exists: ExecutionReport NEW (or REJECTED, when the engine turned it down), then the fills seen so far.
     *
     * @param unsolicited whether the answer comes later than the request's own (an unknown outcome resolved)
     */
    private void accepted(FixOrder order, OrderView view, boolean unsolicited) {
        Client owner = clients.get(order.owner);
        if (journal != null && view.status().isOpen() && owner != null && owner.cancelOnDisconnect && order.connection >= 0) {
            // written down before it is acknowledged (outside the order's lock: compacting takes every order's)
            journal.taken(token(order.owner, order.connection), order.account, order.clientOrderId, this::journalLines);
        }
        boolean cancelNow;
        synchronized (order) {
            order.outcomeUnknown = false;
            if (order.answered) {
                return;
            }
            order.answered = true;
            order.learn(view);
            if (view.status() == OrderStatus.REJECTED) {
                order.status = OrderStatus.REJECTED;
                send(order.owner, report(order, ExecType.REJECTED, OrdStatus.REJECTED, view.reason(), id(order), OrdRejReason.OTHER));
                retireIfDone(order);
                return;
            }
            send(order.owner, report(order, ExecType.NEW, OrdStatus.NEW, unsolicited ? "found after an unknown outcome" : null,
                id(order), null));
            for (Trade t : order.early) {
                if (order.fill(t)) {
                    send(order.owner, tradeReport(order, t));
                }
            }
            order.early.clear();
            if (view.status() == OrderStatus.CANCELED) {
                // a market order's rest that found nothing to match: cancelled once its fills are reported
                waitForFills(order, view.filled(), () -> send(order.owner, report(order, ExecType.CANCELED,
                    OrdStatus.CANCELED, "the rest of a market order found no match", id(order), null)));
            }
            cancelNow = order.cancelWhenAnswered && view.status().isOpen();
        }
        fillsNeeded(order, view.filled());
        if (cancelNow) {
            cancelOnDisconnect(order, System.nanoTime() + CANCEL_RETRY_FOR.toNanos());
        }
        retireIfDone(order);
    }

    private Command.Place parse(Message m, ExchangeConfig config) throws OrderRequest.Invalid, FieldNotFound {
        if (!m.isSetField(Account.FIELD)) {
            throw new OrderRequest.Invalid("account", "Account(1) is missing; send the account number, 1.." + config.accounts());
        }
        long account;
        try {
            account = Long.parseLong(m.getString(Account.FIELD).trim());
        } catch (NumberFormatException e) {
            throw new OrderRequest.Invalid("account", "Account(1) [" + m.getString(Account.FIELD)
                + "] must be an account number, 1.." + config.accounts());
        }
        char sideChar = m.getChar(SIDE);
        Side side = switch (sideChar) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> throw new OrderRequest.Invalid("side", "Side(54) [" + sideChar + "] is not supported; send 1 (buy) or 2 (sell)");
        };
        char typeChar = m.getChar(OrdType.FIELD);
        OrderType type = switch (typeChar) {
            case OrdType.MARKET -> OrderType.MARKET;
            case OrdType.LIMIT -> OrderType.LIMIT;
            default -> throw new OrderRequest.Invalid("type", "OrdType(40) [" + typeChar + "] is not supported; send 1 (market) or 2 (limit)");
        };
        if (m.isSetField(TimeInForce.FIELD)) {
            char tif = m.getChar(TimeInForce.FIELD);
            boolean fits = type == OrderType.LIMIT ? tif == TimeInForce.DAY || tif == TimeInForce.GOOD_TILL_CANCEL
                : tif == TimeInForce.IMMEDIATE_OR_CANCEL || tif == TimeInForce.DAY;
            if (!fits) {
                throw new OrderRequest.Invalid("timeInForce", "TimeInForce(59) [" + tif + "] is not supported for this OrdType: "
                    + "limit orders rest until cancelled (0 or 1), market orders never rest (3)");
            }
        }
        if (!m.isSetField(OrderQty.FIELD)) {
            throw new OrderRequest.Invalid("quantity", "OrderQty(38) is missing");
        }
        long quantity = whole(m.getString(OrderQty.FIELD), "OrderQty(38)", "quantity");
        Long price = m.isSetField(Price.FIELD) ? whole(m.getString(Price.FIELD), "Price(44)", "price") : null;
        return OrderRequest.order(account, m.getString(ClOrdID.FIELD), m.getString(Symbol.FIELD), side, type, price, quantity, config);
    }

    private static long whole(String text, String tag, String field) throws OrderRequest.Invalid {
        try {
            return new BigDecimal(text.trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new OrderRequest.Invalid(field, tag + " [" + text + "] must be a whole number");
        }
    }

    private void rejectInvalid(SessionID session, Message m, String clOrdId, OrderRequest.Invalid e) throws FieldNotFound {
        int reason = switch (e.field) {
            case "account" -> OrdRejReason.UNKNOWN_ACCOUNT;
            case "symbol" -> OrdRejReason.UNKNOWN_SYMBOL;
            case "quantity" -> OrdRejReason.INCORRECT_QUANTITY;
            case "side", "type", "timeInForce" -> OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
            default -> OrdRejReason.OTHER;
        };
        ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID(nextExecId()), new ExecType(ExecType.REJECTED),
            new OrdStatus(OrdStatus.REJECTED), side(m.getChar(SIDE)),
            new LeavesQty(0), new CumQty(0), new AvgPx(0));
        r.set(new ClOrdID(clOrdId));
        r.set(new Symbol(m.getString(Symbol.FIELD)));
        if (m.isSetField(Account.FIELD)) {
            r.set(new Account(m.getString(Account.FIELD)));
        }
        r.set(new OrdRejReason(reason));
        r.set(new Text(e.getMessage()));
        r.set(new TransactTime(now()));
        send(session, r);
    }

    // ---- OrderCancelRequest

    private void cancel(Message m, SessionID session) throws FieldNotFound {
        String clOrdId = m.getString(ClOrdID.FIELD);
        String orig = m.getString(OrigClOrdID.FIELD);
        FixOrder known = byClientOrderId.get(orig);
        long account;
        if (m.isSetField(Account.FIELD)) {
            try {
                account = Long.parseLong(m.getString(Account.FIELD).trim());
            } catch (NumberFormatException e) {
                cancelReject(session, clOrdId, orig, known, CxlRejReason.OTHER, "Account(1) [" + m.getString(Account.FIELD)
                    + "] must be an account number");
                return;
            }
        } else if (known != null) {
            account = known.account;
        } else {
            cancelReject(session, clOrdId, orig, null, CxlRejReason.OTHER,
                "Account(1) is missing and this gateway did not take the order; send the order's account");
            return;
        }
        int underWay = orders.enter();
        if (underWay >= 0) {
            businessReject(session, MsgType.ORDER_CANCEL_REQUEST, seqNum(m), clOrdId, "gateway " + gatewayId + " overloaded: "
                + underWay + " requests under way; nothing done, send it again after " + Gateway.RETRY_AFTER_SECONDS + " s");
            return;
        }
        int refSeqNum = seqNum(m);
        orders.cancel(new Command.Cancel(account, orig), Gateway.ENGINE_BUDGET).whenComplete((outcome, error) -> {
            orders.leave();
            cancelled(session, clOrdId, orig, outcome != null ? outcome : new Outcome.Unknown(String.valueOf(error)), refSeqNum);
        });
    }

    private void cancelled(SessionID session, String clOrdId, String orig, Outcome outcome, int refSeqNum) {
        if (outcome instanceof Outcome.Order o) {
            OrderView view = o.view();
            FixOrder known = byClientOrderId.get(orig);
            if (view.status() == OrderStatus.REJECTED && view.symbol() == null) {
                cancelReject(session, clOrdId, orig, known, CxlRejReason.UNKNOWN_ORDER, view.reason());
            } else if (view.status() == OrderStatus.CANCELED && view.reason() == null) {
                FixOrder order = followed(view, session);
                synchronized (order) {
                    order.learn(view);
                    waitForFills(order, view.filled(), () -> {
                        ExecutionReport r = report(order, ExecType.CANCELED, OrdStatus.CANCELED, null, id(order), null);
                        r.set(new ClOrdID(clOrdId));
                        r.set(new OrigClOrdID(orig));
                        send(session, r);
                    });
                }
                fillsNeeded(order, view.filled());
                retireIfDone(order);
            } else {
                cancelReject(session, clOrdId, orig, known, CxlRejReason.TOO_LATE_TO_CANCEL,
                    view.reason() != null ? view.reason() : "the order is " + view.status() + ", not open", view);
            }
        } else if (outcome instanceof Outcome.Failed f) {
            businessReject(session, MsgType.ORDER_CANCEL_REQUEST, refSeqNum, clOrdId, f.reason() + "; nothing done, send it again"
                + (f.retryAfterSeconds() > 0 ? " after " + f.retryAfterSeconds() + " s" : ""));
        } else if (outcome instanceof Outcome.Broken b && b.httpStatus() != 502) {
            businessReject(session, MsgType.ORDER_CANCEL_REQUEST, refSeqNum, clOrdId, b.reason() + "; nothing done");
        } else {
            String why = outcome instanceof Outcome.Unknown u ? u.reason() : outcome instanceof Outcome.Broken b ? b.reason()
                : String.valueOf(outcome);
            ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID(nextExecId()),
                new ExecType(ExecType.PENDING_CANCEL), new OrdStatus(OrdStatus.PENDING_CANCEL),
                side(BUY), new LeavesQty(0), new CumQty(0), new AvgPx(0));
            FixOrder known = byClientOrderId.get(orig);
            if (known != null) {
                synchronized (known) {
                    r = report(known, ExecType.PENDING_CANCEL, OrdStatus.PENDING_CANCEL, null, id(known), null);
                }
            } else {
                r.set(new Symbol("NONE"));
            }
            r.set(new ClOrdID(clOrdId));
            r.set(new OrigClOrdID(orig));
            r.set(new Text("outcome unknown: " + why + "; the order may be cancelled. Send the cancel again, or OrderStatusRequest"));
            send(session, r);
        }
    }

    private void cancelReject(SessionID session, String clOrdId, String orig, FixOrder known, int reason, String text) {
        cancelReject(session, clOrdId, orig, known, reason, text, null);
    }

    private void cancelReject(SessionID session, String clOrdId, String orig, FixOrder known, int reason, String text, OrderView view) {
        char status = view != null ? ordStatus(view.status()) : OrdStatus.REJECTED;
        String orderId = view != null && view.orderId() > 0 ? String.valueOf(view.orderId())
            : known != null && known.orderId > 0 ? String.valueOf(known.orderId) : "NONE";
        OrderCancelReject r = new OrderCancelReject(new OrderID(orderId), new ClOrdID(clOrdId), new OrigClOrdID(orig),
            new OrdStatus(status), new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
        r.set(new CxlRejReason(reason));
        if (text != null) {
            r.set(new Text(text));
        }
        send(session, r);
    }

    // ---- OrderStatusRequest

    private void status(Message m, SessionID session) throws FieldNotFound {
        String reqId = m.isSetField(OrdStatusReqID.FIELD) ? m.getString(OrdStatusReqID.FIELD) : null;
        statusReport(session, m.getString(ClOrdID.FIELD), reqId, false, MsgType.ORDER_STATUS_REQUEST, seqNum(m));
    }

    /**
     * ExecutionReport ORDER_STATUS with the order as the engine has it now, once its fills are reported; unknown
     * orders get OrdStatus=REJECTED with OrdRejReason=UNKNOWN_ORDER.
     *
     * @param resend whether this answers a NewOrderSingle for a ClOrdID already taken
     */
    private void statusReport(SessionID session, String clOrdId, String reqId, boolean resend, String refMsgType, int refSeqNum) {
        int underWay = orders.enter();
        if (underWay >= 0) {
            businessReject(session, refMsgType, refSeqNum, clOrdId, "gateway " + gatewayId + " overloaded: " + underWay
                + " requests under way; nothing done, ask again after " + Gateway.RETRY_AFTER_SECONDS + " s");
            return;
        }
        orders.lookup(clOrdId, Gateway.ENGINE_BUDGET).whenComplete((reply, error) -> {
            orders.leave();
            if (error != null || !reply.answered()) {
                businessReject(session, refMsgType, refSeqNum, clOrdId, "no engine answered: "
                    + (error != null ? error : reply.error()) + "; nothing done, ask again");
                return;
            }
            if (reply.status() == 404) {
                FixOrder known = byClientOrderId.get(clOrdId);
                if (resend && known != null) {
                    synchronized (known) {
                        // taken, but the engine has not committed it yet (or its outcome is unknown)
                        ExecutionReport r = report(known, ExecType.PENDING_NEW, OrdStatus.PENDING_NEW,
                            "already received; the engine has not confirmed it yet", id(known), null);
                        send(session, r);
                    }
                    return;
                }
                ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID(nextExecId()),
                    new ExecType(ExecType.ORDER_STATUS), new OrdStatus(OrdStatus.REJECTED),
                    side(BUY), new LeavesQty(0), new CumQty(0), new AvgPx(0));
                r.set(new ClOrdID(clOrdId));
                r.set(new Symbol("NONE"));
                r.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
                r.set(new Text("no order with ClOrdID [" + clOrdId + "]"));
                if (reqId != null) {
                    r.set(new OrdStatusReqID(reqId));
                }
                send(session, r);
                return;
            }
            OrderView view;
            try {
                view = Json.MAPPER.readValue(reply.body(), OrderView.class);
            } catch (IOException | RuntimeException e) {
                businessReject(session, refMsgType, refSeqNum, clOrdId, "engine answered " + reply.status() + ": " + reply.body());
                return;
            }
            FixOrder order = followed(view, session);
            synchronized (order) {
                if (!order.answered) {
                    // the resend of an order still on its way: its own answer comes, this one says so
                    send(session, report(order, ExecType.PENDING_NEW, OrdStatus.PENDING_NEW,
                        "already received; the engine has not confirmed it yet", id(order), null));
                    return;
                }
                order.learn(view);
                waitForFills(order, view.filled(), () -> {
                    ExecutionReport r = report(order, ExecType.ORDER_STATUS, ordStatus(view.status()), null, id(order),
                        view.status() == OrderStatus.REJECTED ? OrdRejReason.OTHER : null);
                    if (view.status() == OrderStatus.REJECTED && view.reason() != null) {
                        r.set(new Text(view.reason()));
                    }
                    if (reqId != null) {
                        r.set(new OrdStatusReqID(reqId));
                    }
                    send(session, r);
                });
            }
            fillsNeeded(order, view.filled());
            retireIfDone(order);
        });
    }

    // ---- fills

    /** Orders whose fills the trade feed must follow: any open, unanswered or waiting for fills to be reported. */
    boolean wantsFills() {
        return !live.isEmpty();
    }

    /** One page of the engine's trades, oldest first. */
    void trades(List<Trade> trades) {
        for (Trade t : trades) {
            trade(byClientOrderId.get(t.buyClientOrderId()), t);
            trade(byClientOrderId.get(t.sellClientOrderId()), t);
        }
    }

    private void trade(FixOrder order, Trade t) {
        if (order == null) {
            return;
        }
        synchronized (order) {
            if (!order.answered) {
                order.early.add(t);
                return;
            }
            if (order.fill(t)) {
                send(order.owner, tradeReport(order, t));
                flushWaiting(order, false);
            }
        }
        retireIfDone(order);
    }

    /** Every trade of an order not followed from the start, read at once (its earlier fills happened elsewhere). */
    void recount(String clientOrderId, List<Trade> all) {
        FixOrder order = byClientOrderId.get(clientOrderId);
        if (order == null) {
            return;
        }
        synchronized (order) {
            order.recount(all);
            flushWaiting(order, false);
        }
        retireIfDone(order);
    }

    /** Reports waiting too long for fills go out with what is known; called by the feed on each round. */
    void expireWaiting() {
        for (FixOrder order : withWaiting) {
            synchronized (order) {
                flushWaiting(order, true);
            }
            retireIfDone(order);
        }
    }

    /**
     * Asks the trade feed for an order's fills now when the engine counts more than were reported: at once from the
     * feed for an order followed from the start, by reading all its trades for one that was not.
     */
    private void fillsNeeded(FixOrder order, long engineFilled) {
        FillFeed feed = fills;
        boolean behind;
        synchronized (order) {
            behind = order.cum < engineFilled;
        }
        if (feed != null && behind) {
            feed.soon(order.followedFromStart ? null : order.clientOrderId);
        }
    }

    private void waitForFills(FixOrder order, long filled, Runnable send) {
        if (order.cum >= filled) {
            send.run();
        } else {
            order.waiting.add(new FixOrder.Waiting(filled, System.nanoTime() + FILLS_WAIT.toNanos(), send));
            live.add(order);
            withWaiting.add(order);
        }
    }

    private void flushWaiting(FixOrder order, boolean expire) {
        long now = System.nanoTime();
        for (Iterator<FixOrder.Waiting> it = order.waiting.iterator(); it.hasNext(); ) {
            FixOrder.Waiting w = it.next();
            if (order.cum >= w.filled() || expire && now - w.deadline() > 0) {
                it.remove();
                w.send().run();
            }
        }
        if (order.waiting.isEmpty()) {
            withWaiting.remove(order);
        }
    }

    // ---- Cancel-on-Disconnect

    private void cancelOnDisconnect(FixOrder order, long deadline) {
        synchronized (order) {
            order.cancelWhenAnswered = true;
            if (!order.answered && !order.outcomeUnknown) {
                return;  // on its way to the engine: cancelled when answered
            }
            if (order.answered && !order.resting()) {
                return;
            }
        }
        cancelsUnderWay.incrementAndGet();
        orders.cancel(new Command.Cancel(order.account, order.clientOrderId), Gateway.ENGINE_BUDGET).whenComplete((outcome, error) -> {
            try {
                if (outcome instanceof Outcome.Order o) {
                    OrderView view = o.view();
                    if (view.status() == OrderStatus.CANCELED && view.reason() == null) {
                        clients.get(order.owner).cancelledOnDisconnect.incrementAndGet();
                        synchronized (order) {
                            order.learn(view);
                            waitForFills(order, view.filled(), () -> send(order.owner, report(order, ExecType.CANCELED,
                                OrdStatus.CANCELED, "cancelled on disconnect", id(order), null)));
                        }
                        fillsNeeded(order, view.filled());
                        retireIfDone(order);
                    }
                    // not open any more, or unknown to the engine (an unknown outcome it never committed): done
                } else if (System.nanoTime() < deadline) {
                    timer.schedule(() -> cancelOnDisconnect(order, deadline), 200, TimeUnit.MILLISECONDS);
                } else {
                    LOG.warn("cancel on disconnect of [{}] gave up after {}: {}", order.clientOrderId, CANCEL_RETRY_FOR,
                        outcome != null ? outcome : error);
                }
            } finally {
                cancelsUnderWay.decrementAndGet();
            }
        });
    }

    /**
     * Cancels what a previous run of this gateway left under Cancel-on-Disconnect: it was killed with its sessions,
     * and nobody cancelled for them.
     */
    void cancelLeftOver(List<CancelJournal.Entry> left) {
        if (left.isEmpty() || !cancelOnDisconnect) {
            return;
        }
        LOG.info("cancelling {} orders of Cancel-on-Disconnect sessions this gateway had when it stopped", left.size());
        long deadline = System.nanoTime() + CANCEL_RETRY_FOR.toNanos();
        for (CancelJournal.Entry e : left) {
            cancelLeftOver(e, deadline);
        }
    }

    private void cancelLeftOver(CancelJournal.Entry e, long deadline) {
        cancelsUnderWay.incrementAndGet();
        orders.cancel(new Command.Cancel(e.account(), e.clientOrderId()), Gateway.ENGINE_BUDGET).whenComplete((outcome, error) -> {
            try {
                if (!(outcome instanceof Outcome.Order) && System.nanoTime() < deadline) {
                    timer.schedule(() -> cancelLeftOver(e, deadline), 200, TimeUnit.MILLISECONDS);
                }
            } finally {
                cancelsUnderWay.decrementAndGet();
            }
        });
    }

    private static String token(SessionID session, int connection) {
        return session.toString().replace(' ', '_') + "#" + connection;
    }

    /** The journal's lines for every order still resting under Cancel-on-Disconnect. */
    private List<String> journalLines() {
        List<String> lines = new ArrayList<>();
        clients.forEach((id, c) -> {
            if (c.cancelOnDisconnect && !c.loggedOut) {
                for (FixOrder o : c.placed) {
                    synchronized (o) {
                        if (o.resting() && o.connection == c.connection.get()) {
                            lines.add("+ " + token(id, o.connection) + " " + o.account + " " + o.clientOrderId);
                        }
                    }
                }
            }
        });
        return lines;
    }

    /** Waits for Cancel-on-Disconnect cancels under way, at most {@code limit}: a gateway shutting down calls it. */
    void awaitCancels(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (cancelsUnderWay.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- unknown outcomes

    private void resolveLater(FixOrder order, int attemptsLeft) {
        timer.schedule(() -> orders.lookup(order.clientOrderId, Gateway.ENGINE_BUDGET).whenComplete((reply, error) -> {
            if (error == null && reply.answered() && reply.status() == 200) {
                try {
                    accepted(order, Json.MAPPER.readValue(reply.body(), OrderView.class), true);
                    return;
                } catch (IOException e) {
                    LOG.warn("engine answer for [{}] did not parse: {}", order.clientOrderId, e.getMessage());
                }
            }
            synchronized (order) {
                if (order.answered) {
                    return;
                }
                if (attemptsLeft <= 1) {
                    // never found: it was most likely never committed; the client's OrderStatusRequest says for sure
                    order.outcomeUnknown = false;
                    order.status = OrderStatus.REJECTED;
                    forget(order);
                    return;
                }
            }
            resolveLater(order, attemptsLeft - 1);
        }), 1, TimeUnit.SECONDS);
    }

    // ---- the registry

    /** The order this gateway follows under that ClOrdID, following it from now on when it did not. */
    private FixOrder followed(OrderView view, SessionID asker) {
        FixOrder order = byClientOrderId.computeIfAbsent(view.clientOrderId(), id -> new FixOrder(view, asker));
        synchronized (order) {
            if (order.status != null && order.status.isOpen() || !order.waiting.isEmpty()) {
                live.add(order);
            }
        }
        if (!order.followedFromStart && view.filled() > order.cum) {
            live.add(order);
        }
        return order;
    }

    private void forget(FixOrder order) {
        byClientOrderId.remove(order.clientOrderId, order);
        live.remove(order);
        Client c = clients.get(order.owner);
        if (c != null) {
            c.placed.remove(order);
        }
    }

    private void retireIfDone(FixOrder order) {
        synchronized (order) {
            if (!order.done()) {
                return;
            }
        }
        if (live.remove(order)) {
            Client c = clients.get(order.owner);
            if (c != null) {
                c.placed.remove(order);
            }
            doneOrder.add(order.clientOrderId);
            while (doneOrder.size() > DONE_KEPT) {
                String old = doneOrder.poll();
                if (old != null) {
                    byClientOrderId.computeIfPresent(old, (k, o) -> o.done() ? null : o);
                }
            }
        }
    }

    // ---- reports

    private ExecutionReport report(FixOrder o, char execType, char ordStatus, String text, String orderId, Integer rejReason) {
        boolean open = ordStatus == OrdStatus.NEW || ordStatus == OrdStatus.PARTIALLY_FILLED
            || ordStatus == OrdStatus.PENDING_NEW || ordStatus == OrdStatus.PENDING_CANCEL;
        ExecutionReport r = new ExecutionReport(new OrderID(orderId), new ExecID(nextExecId()), new ExecType(execType),
            new OrdStatus(ordStatus), side(o.side == Side.SELL ? SELL : BUY),
            new LeavesQty(open ? Math.max(0, o.quantity - o.cum) : 0), new CumQty(o.cum), new AvgPx(o.averagePrice()));
        r.set(new ClOrdID(o.clientOrderId));
        r.set(new Symbol(o.symbol != null ? o.symbol : "NONE"));
        r.set(new Account(String.valueOf(o.account)));
        r.set(new OrderQty(o.quantity));
        if (o.type != null) {
            r.set(new OrdType(o.type == OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT));
            if (o.type == OrderType.LIMIT) {
                r.set(new Price(o.price));
            }
        }
        if (rejReason != null) {
            r.set(new OrdRejReason(rejReason));
        }
        if (text != null) {
            r.set(new Text(text));
        }
        r.set(new TransactTime(now()));
        return r;
    }

    /** A fill: ExecType=TRADE; its ExecID names the trade and side, the same on every gateway that reports it. */
    private ExecutionReport tradeReport(FixOrder o, Trade t) {
        char status = o.cum >= o.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        ExecutionReport r = report(o, ExecType.TRADE, status, null, id(o), null);
        r.set(new ExecID("T" + t.tradeId() + (o.clientOrderId.equals(t.buyClientOrderId()) ? "B" : "S")));
        r.set(new SecondaryExecID(String.valueOf(t.tradeId())));
        r.set(new LastQty(t.quantity()));
        r.set(new LastPx(t.price()));
        return r;
    }

    private void businessReject(SessionID session, String refMsgType, int refSeqNum, String refId, String text) {
        BusinessMessageReject r = new BusinessMessageReject(new RefMsgType(refMsgType),
            new BusinessRejectReason(BusinessRejectReason.APPLICATION_NOT_AVAILABLE));
        if (refSeqNum > 0) {
            r.set(new RefSeqNum(refSeqNum));
        }
        r.set(new BusinessRejectRefID(refId));
        r.set(new Text(text));
        send(session, r);
    }

    /** FIX's Side(54): its name is taken by the order's own {@link Side}. */
    private static quickfix.field.Side side(char value) {
        return new quickfix.field.Side(value);
    }

    private static String id(FixOrder o) {
        return o.orderId > 0 ? String.valueOf(o.orderId) : "NONE";
    }

    static char ordStatus(OrderStatus s) {
        return switch (s) {
            case NEW -> OrdStatus.NEW;
            case PARTIALLY_FILLED -> OrdStatus.PARTIALLY_FILLED;
            case FILLED -> OrdStatus.FILLED;
            case CANCELED -> OrdStatus.CANCELED;
            case REJECTED -> OrdStatus.REJECTED;
        };
    }

    private String nextExecId() {
        return execIdPrefix + execIds.incrementAndGet();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Sends now, or stores it for the session's next logon when it is not logged on (the client then asks for it
     * with a ResendRequest, as for any message it missed).
     */
    private static void send(SessionID session, Message message) {
        Session s = Session.lookupSession(session);
        if (s != null) {
            s.send(message);
        }
    }

    private static String msgType(Message m) {
        try {
            return m.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "";
        }
    }

    private static int seqNum(Message m) {
        try {
            return m.getHeader().getInt(MsgSeqNum.FIELD);
        } catch (FieldNotFound e) {
            return 0;
        }
    }

    private static String string(Message m, int tag) {
        try {
            return m.getString(tag);
        } catch (FieldNotFound e) {
            return "";
        }
    }

    /** What /health says of each session. */
    List<Map<String, Object>> sessions(List<SessionID> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SessionID id : ids) {
            Session s = Session.lookupSession(id);
            Client c = clients.get(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", id.toString());
            m.put("senderCompId", id.getTargetCompID());
            m.put("targetCompId", id.getSenderCompID());
            m.put("loggedOn", s != null && s.isLoggedOn());
            if (s != null) {
                try {
                    m.put("nextSenderMsgSeqNum", s.getStore().getNextSenderMsgSeqNum());
                    m.put("nextTargetMsgSeqNum", s.getStore().getNextTargetMsgSeqNum());
                } catch (IOException e) {
                    m.put("storeError", e.toString());
                }
            }
            if (c != null) {
                m.put("cancelOnDisconnect", c.cancelOnDisconnect);
                m.put("logons", c.connection.get());
                m.put("openOrders", c.placed.stream().filter(o -> {
                    synchronized (o) {
                        return o.resting() || !o.answered;
                    }
                }).count());
                m.put("cancelledOnDisconnect", c.cancelledOnDisconnect.get());
                m.put("lastEnd", c.lastEnd);
            }
            out.add(m);
        }
        return out;
    }

    void close() {
        timer.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }
}
