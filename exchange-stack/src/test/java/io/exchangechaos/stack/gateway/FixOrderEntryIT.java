package io.exchangechaos.stack.gateway;

import static io.exchangechaos.stack.gateway.FixTestClient.about;
import static io.exchangechaos.stack.gateway.FixTestClient.field;
import static io.exchangechaos.stack.gateway.FixTestClient.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelReplaceRequest;

/**
 * FIX 4.4 order entry on a real gateway (in this JVM) in front of a real engine, through real QuickFIX/J initiator
 * sessions on real sockets. BTC-USD orders here are bids far below any ask, so they rest; ETH-USD is left to the
 * test of fills.
 */
class FixOrderEntryIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static StagedEngine engine;
    private static Gateway gateway;
    private final List<FixTestClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        engine = new StagedEngine();
        gateway = Gateway.start(engine.gateway("gateway-fix", Weakness.NONE, new Gateway.FixSettings(
            new HostPort("127.0.0.1", 0), Files.createTempDirectory("gateway-fix"), List.of())));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void logOut() {
        clients.forEach(FixTestClient::close);
    }

    private FixTestClient client(String sender) throws Exception {
        FixTestClient c = new FixTestClient(sender, FixAcceptor.VENUE_COMP_ID, gateway.fixPort(), null, 30);
        clients.add(c);
        return c.awaitLogon(WAIT);
    }

    @Test
    void aLimitOrderIsAcknowledgedAndRestsInTheEngine() throws Exception {
        FixTestClient c = client("ACK");

        c.send(FixTestClient.limit("fix-ack-1", 7, "BTC-USD", Side.BUY, 2, 45_500));

        Message ack = c.next(about("fix-ack-1", MsgType.EXECUTION_REPORT), WAIT);
        assertThat(field(ack, ExecType.FIELD)).isEqualTo(String.valueOf(ExecType.NEW));
        assertThat(field(ack, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.NEW));
        assertThat(field(ack, LeavesQty.FIELD)).isEqualTo("2");
        assertThat(field(ack, CumQty.FIELD)).isEqualTo("0");
        JsonNode order = engine.order("fix-ack-1");
        assertThat(order).as("the engine's order").isNotNull();
        assertThat(order.get("status").asText()).isEqualTo("NEW");
        assertThat(order.get("account").asLong()).isEqualTo(7);
        assertThat(order.get("quantity").asLong()).isEqualTo(2);
        assertThat(order.get("price").asLong()).isEqualTo(45_500);
        assertThat(field(ack, OrderID.FIELD)).isEqualTo(order.get("orderId").asText());
    }

    @Test
    void theSameClOrdIdSentAgainPlacesNothingAndIsAnsweredWithTheOrdersState() throws Exception {
        FixTestClient c = client("DUP");
        var first = FixTestClient.limit("fix-dup-1", 8, "BTC-USD", Side.BUY, 1, 45_600);
        c.send(first);
        Message ack = c.next(report("fix-dup-1", ExecType.NEW), WAIT);
        long orders = engine.orderCount();

        // a resend with PossDupFlag=Y, as after a lost answer, then the same ClOrdID once more with another quantity
        c.send(FixTestClient.possDup(first));
        Message again = c.next(about("fix-dup-1", MsgType.EXECUTION_REPORT), WAIT);
        c.send(FixTestClient.limit("fix-dup-1", 8, "BTC-USD", Side.BUY, 5, 45_600));
        Message third = c.next(about("fix-dup-1", MsgType.EXECUTION_REPORT), WAIT);

        for (Message m : List.of(again, third)) {
            assertThat(field(m, ExecType.FIELD)).as("answer to a ClOrdID already taken").isEqualTo(String.valueOf(ExecType.ORDER_STATUS));
            assertThat(field(m, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.NEW));
            assertThat(field(m, OrderID.FIELD)).isEqualTo(field(ack, OrderID.FIELD));
            assertThat(field(m, LeavesQty.FIELD)).isEqualTo("1");
        }
        assertThat(engine.orderCount()).as("orders in the engine").isEqualTo(orders);
        assertThat(engine.order("fix-dup-1").get("quantity").asLong()).isEqualTo(1);
        assertThat(c.all(report("fix-dup-1", ExecType.NEW))).as("acknowledgements").hasSize(1);
    }

    @Test
    void anOrderPlacedOverRestAndSentAgainOverFixIsNotPlacedTwice() throws Exception {
        FixTestClient c = client("REST");
        String body = "{\"account\":9,\"clientOrderId\":\"fix-rest-1\",\"symbol\":\"BTC-USD\",\"side\":\"BUY\","
            + "\"type\":\"LIMIT\",\"price\":45700,\"quantity\":3}";
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/orders"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        long orders = engine.orderCount();

        c.send(FixTestClient.possDup(FixTestClient.limit("fix-rest-1", 9, "BTC-USD", Side.BUY, 3, 45_700)));

        Message answer = c.next(about("fix-rest-1", MsgType.EXECUTION_REPORT), WAIT);
        assertThat(field(answer, OrderID.FIELD)).isEqualTo(engine.order("fix-rest-1").get("orderId").asText());
        assertThat(field(answer, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.NEW));
        assertThat(engine.orderCount()).isEqualTo(orders);
    }

    @Test
    void cancelAndStatus() throws Exception {
        FixTestClient c = client("CXL");
        c.send(FixTestClient.limit("fix-cxl-1", 10, "BTC-USD", Side.BUY, 4, 45_800));
        Message ack = c.next(report("fix-cxl-1", ExecType.NEW), WAIT);

        c.send(FixTestClient.status("fix-cxl-1", "BTC-USD", Side.BUY));
        Message open = c.next(report("fix-cxl-1", ExecType.ORDER_STATUS), WAIT);
        assertThat(field(open, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.NEW));
        assertThat(field(open, LeavesQty.FIELD)).isEqualTo("4");

        c.send(FixTestClient.cancel("fix-cxl-1-c", "fix-cxl-1", 10, "BTC-USD", Side.BUY));
        Message cancelled = c.next(report("fix-cxl-1-c", ExecType.CANCELED), WAIT);
        assertThat(field(cancelled, OrigClOrdID.FIELD)).isEqualTo("fix-cxl-1");
        assertThat(field(cancelled, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.CANCELED));
        assertThat(field(cancelled, LeavesQty.FIELD)).isEqualTo("0");
        assertThat(field(cancelled, OrderID.FIELD)).isEqualTo(field(ack, OrderID.FIELD));
        assertThat(engine.status("fix-cxl-1")).isEqualTo("CANCELED");

        c.send(FixTestClient.status("fix-cxl-1", "BTC-USD", Side.BUY));
        Message closed = c.next(report("fix-cxl-1", ExecType.ORDER_STATUS), WAIT);
        assertThat(field(closed, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.CANCELED));

        c.send(FixTestClient.cancel("fix-cxl-2-c", "fix-no-such-order", 10, "BTC-USD", Side.BUY));
        Message unknown = c.next(about("fix-cxl-2-c", MsgType.ORDER_CANCEL_REJECT), WAIT);
        assertThat(field(unknown, CxlRejReason.FIELD)).isEqualTo(String.valueOf(CxlRejReason.UNKNOWN_ORDER));

        c.send(FixTestClient.status("fix-no-such-order", "BTC-USD", Side.BUY));
        Message none = c.next(report("fix-no-such-order", ExecType.ORDER_STATUS), WAIT);
        assertThat(field(none, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.REJECTED));
        assertThat(field(none, OrdRejReason.FIELD)).isEqualTo(String.valueOf(OrdRejReason.UNKNOWN_ORDER));
    }

    @Test
    void fillsReachTheSessionsThatPlacedBothOrdersAsTradeReports() throws Exception {
        FixTestClient maker = client("MAKER");
        FixTestClient taker = client("TAKER");
        maker.send(FixTestClient.limit("fix-fill-sell", 11, "ETH-USD", Side.SELL, 2, 3_100));
        maker.next(report("fix-fill-sell", ExecType.NEW), WAIT);

        taker.send(FixTestClient.limit("fix-fill-buy", 12, "ETH-USD", Side.BUY, 3, 3_100));

        Message takerAck = taker.next(about("fix-fill-buy", MsgType.EXECUTION_REPORT), WAIT);
        assertThat(field(takerAck, ExecType.FIELD)).as("the acknowledgement comes first").isEqualTo(String.valueOf(ExecType.NEW));
        Message takerFill = taker.next(report("fix-fill-buy", ExecType.TRADE), WAIT);
        assertThat(field(takerFill, LastQty.FIELD)).isEqualTo("2");
        assertThat(field(takerFill, LastPx.FIELD)).isEqualTo("3100");
        assertThat(field(takerFill, CumQty.FIELD)).isEqualTo("2");
        assertThat(field(takerFill, LeavesQty.FIELD)).isEqualTo("1");
        assertThat(field(takerFill, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.PARTIALLY_FILLED));
        assertThat(field(takerFill, AvgPx.FIELD)).isEqualTo("3100");
        Message makerFill = maker.next(report("fix-fill-sell", ExecType.TRADE), WAIT);
        assertThat(field(makerFill, CumQty.FIELD)).isEqualTo("2");
        assertThat(field(makerFill, LeavesQty.FIELD)).isEqualTo("0");
        assertThat(field(makerFill, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.FILLED));

        // the rest of the buy rests; a market sell fills it, and the buyer hears of it unasked
        maker.send(FixTestClient.market("fix-fill-mkt", 11, "ETH-USD", Side.SELL, 1));
        maker.next(report("fix-fill-mkt", ExecType.NEW), WAIT);
        Message marketFill = maker.next(report("fix-fill-mkt", ExecType.TRADE), WAIT);
        assertThat(field(marketFill, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.FILLED));
        Message restFilled = taker.next(report("fix-fill-buy", ExecType.TRADE), WAIT);
        assertThat(field(restFilled, CumQty.FIELD)).isEqualTo("3");
        assertThat(field(restFilled, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.FILLED));
        assertThat(engine.status("fix-fill-buy")).isEqualTo("FILLED");

        // a market order with nothing to match: accepted, then its rest cancelled
        maker.send(FixTestClient.market("fix-fill-none", 11, "ETH-USD", Side.SELL, 1));
        maker.next(report("fix-fill-none", ExecType.NEW), WAIT);
        Message nothing = maker.next(report("fix-fill-none", ExecType.CANCELED), WAIT);
        assertThat(field(nothing, CumQty.FIELD)).isEqualTo("0");
    }

    @Test
    void anInvalidOrderIsRejectedWithTheReason() throws Exception {
        FixTestClient c = client("BAD");
        long orders = engine.orderCount();

        c.send(FixTestClient.limit("fix-bad-price", 13, "BTC-USD", Side.BUY, 1, 90_000));
        c.send(FixTestClient.limit("fix-bad-account", 999, "BTC-USD", Side.BUY, 1, 45_000));

        Message price = c.next(report("fix-bad-price", ExecType.REJECTED), WAIT);
        assertThat(field(price, Text.FIELD)).isEqualTo("price [90000] is outside the band [45000, 55000] for BTC-USD");
        assertThat(field(price, OrdStatus.FIELD)).isEqualTo(String.valueOf(OrdStatus.REJECTED));
        Message account = c.next(report("fix-bad-account", ExecType.REJECTED), WAIT);
        assertThat(field(account, OrdRejReason.FIELD)).isEqualTo(String.valueOf(OrdRejReason.UNKNOWN_ACCOUNT));
        assertThat(field(account, Text.FIELD)).isEqualTo("unknown account [999]; accounts are 1..100");
        assertThat(engine.orderCount()).isEqualTo(orders);
    }

    @Test
    void healthShowsEachSessionAndItsSequenceNumbers() throws Exception {
        FixTestClient c = client("HEALTH");
        c.send(FixTestClient.limit("fix-health-1", 14, "BTC-USD", Side.BUY, 1, 45_900));
        c.next(report("fix-health-1", ExecType.NEW), WAIT);

        JsonNode fix = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body()).get("fix");

        assertThat(fix.get("store").asText()).isEqualTo("file");
        assertThat(fix.get("cancelOnDisconnect").asText()).isEqualTo("on");
        JsonNode session = null;
        for (JsonNode s : fix.get("sessions")) {
            if (s.get("senderCompId").asText().equals("HEALTH")) {
                session = s;
            }
        }
        assertThat(session).as("the HEALTH session in %s", fix).isNotNull();
        assertThat(session.get("loggedOn").asBoolean()).isTrue();
        assertThat(session.get("targetCompId").asText()).isEqualTo(FixAcceptor.VENUE_COMP_ID);
        assertThat(session.get("nextTargetMsgSeqNum").asInt()).isEqualTo(c.session().getStore().getNextSenderMsgSeqNum());
        assertThat(session.get("nextSenderMsgSeqNum").asInt()).isEqualTo(c.session().getStore().getNextTargetMsgSeqNum());
        assertThat(session.get("openOrders").asInt()).isEqualTo(1);
    }

    @Test
    void anUnsupportedMessageGetsABusinessReject() throws Exception {
        FixTestClient c = client("ODD");
        OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID("x"), new ClOrdID("fix-odd-1"),
            new Side(Side.BUY), new TransactTime(FixTestClient.now()), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("BTC-USD"));
        c.send(replace);

        Message reject = c.next(m -> MsgType.BUSINESS_MESSAGE_REJECT.equals(header(m)), WAIT);
        assertThat(field(reject, BusinessRejectReason.FIELD)).isEqualTo(String.valueOf(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
    }

    @Test
    void onlyListedInitiatorsMayLogOnWhereTheGatewayNamesThem() throws Exception {
        try (Gateway listed = Gateway.start(engine.gateway("gateway-listed", Weakness.NONE, new Gateway.FixSettings(
                new HostPort("127.0.0.1", 0), Files.createTempDirectory("gateway-listed"), List.of("MEMBER"))))) {
            FixTestClient member = new FixTestClient("MEMBER", "gateway-listed", listed.fixPort(), null, 30);
            FixTestClient stranger = new FixTestClient("STRANGER", "gateway-listed", listed.fixPort(), null, 30);
            clients.add(member);
            clients.add(stranger);

            member.awaitLogon(WAIT);
            Thread.sleep(1_500);

            assertThat(stranger.loggedOn()).as("a SenderCompID not listed").isFalse();
        }
    }

    private static String header(Message m) {
        try {
            return m.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return null;
        }
    }
}
