package io.exchangechaos.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The staged exchange's order entry, through its real gateway, proxy and engine processes. */
class StagedExchangeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static URI gateway;
    private static URI engine;

    @BeforeAll
    static void start() throws Exception {
        Path run = Files.createDirectories(Path.of("target", "staged-exchange-it"));
        FaultRecorder recorder = FaultRecorder.using(new FaultLedger(run.resolve("ledger.jsonl")));
        stack = LocalStack.start(Topologies.load(TopologyRef.of("single-region")), Weakness.NONE, run, recorder,
            LocalStack.Options.defaults());
        gateway = stack.entrypoints().get(0);
        engine = stack.replicas().get(0);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.resolve("/orders")).timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long orderCount() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(engine.resolve("/state/digest")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("orderCount").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        malformed JSON    | {"account":1,"clientOrderId":"bad-1"                                                                                  | body     | malformed JSON
        unknown symbol    | {"account":1,"clientOrderId":"bad-2","symbol":"DOGE-USD","side":"BUY","type":"LIMIT","price":1,"quantity":1}           | symbol   | unknown symbol [DOGE-USD]; traded: [BTC-USD, ETH-USD]
        negative quantity | {"account":1,"clientOrderId":"bad-3","symbol":"BTC-USD","side":"BUY","type":"LIMIT","price":50000,"quantity":-2}        | quantity | quantity [-2] must be positive
        price off band    | {"account":1,"clientOrderId":"bad-4","symbol":"BTC-USD","side":"BUY","type":"LIMIT","price":90000,"quantity":1}         | price    | price [90000] is outside the band [45000, 55000] for BTC-USD
        unknown account   | {"account":999,"clientOrderId":"bad-5","symbol":"BTC-USD","side":"BUY","type":"LIMIT","price":50000,"quantity":1}       | account  | unknown account [999]; accounts are 1..100
        """)
    void aBadRequestGetsA400NamingTheFieldAndChangesNothing(String name, String body, String field, String message) throws Exception {
        long before = orderCount();

        HttpResponse<String> r = post(body);

        JsonNode error = JSON.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("error").asText()).startsWith(message);
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void resubmittingAClientOrderIdReturnsTheFirstOutcomeAndCreatesOneOrder() throws Exception {
        String body = "{\"account\":3,\"clientOrderId\":\"idem-1\",\"symbol\":\"ETH-USD\",\"side\":\"BUY\",\"type\":\"LIMIT\","
            + "\"price\":2900,\"quantity\":2}";
        long before = orderCount();

        HttpResponse<String> first = post(body);
        HttpResponse<String> again = post(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("order").path("orderId").asLong())
            .isEqualTo(JSON.readTree(first.body()).path("order").path("orderId").asLong());
        assertThat(orderCount()).isEqualTo(before + 1);
    }
}
