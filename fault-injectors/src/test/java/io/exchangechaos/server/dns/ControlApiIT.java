package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Rcode;

/** The HTTP control API, spoken raw, with every error message checked word for word. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlApiIT {

    private static final String R1 = "engine.r1.exchange.test";
    private static final String MODES = "NXDOMAIN, SERVFAIL, EMPTY, DROP, WRONG_ADDRESS, LATENCY";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private DnsFaultServer server;
    private URI base;

    private record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() throws IOException {
            return DnsJson.MAPPER.readTree(body);
        }

        String error() throws IOException {
            JsonNode json = json();
            assertThat(json.get("status").asInt()).isEqualTo(status);
            return json.get("error").asText();
        }
    }

    @BeforeAll
    void start() throws IOException {
        server = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test")
                .withRecord(R1, "127.0.1.21")
                .withRecord("engine.r2.exchange.test", "127.0.2.21"));
        base = server.controlUri().orElseThrow();
    }

    @AfterEach
    void heal() {
        server.clearFaults();
        server.putRecord(ZoneRecord.of(R1, Duration.ofSeconds(5), "127.0.1.21"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    @Test
    void browserRequestsAreRefusedBeforeAnythingChanges() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/faults")).timeout(Duration.ofSeconds(5))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pattern\":\"" + R1 + "\",\"mode\":\"NXDOMAIN\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Answer answer = new Answer(response.statusCode(), response.body(), response);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).startsWith("browser requests are refused");
        assertThat(call("GET", "/faults", null).json()).isEmpty();
    }

    @Test
    void controlApiListensOnLoopback() {
        assertThat(base.toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void healthSaysWhereTheServerListens() throws Exception {
        Answer answer = call("GET", "/health", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).contains("application/json");
        JsonNode json = answer.json();
        assertThat(json.get("status").asText()).isEqualTo("UP");
        assertThat(json.get("zone").asText()).isEqualTo("exchange.test");
        assertThat(json.get("udp").asText()).isEqualTo(DnsNames.hostPort(server.udpAddress()));
        assertThat(json.get("tcp").asText()).isEqualTo(DnsNames.hostPort(server.tcpAddress()));
        assertThat(json.get("control").asText()).isEqualTo(base.toString());
    }

    @Test
    void listsAndReplacesRecords() throws Exception {
        assertThat(call("GET", "/records", null).body()).isEqualTo(
                "[{\"name\":\"engine.r1.exchange.test\",\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5},"
                        + "{\"name\":\"engine.r2.exchange.test\",\"addresses\":[\"127.0.2.21\"],\"ttlSeconds\":5}]");

        Answer put = call("PUT", "/records/Engine.R1.exchange.test", "{\"addresses\":[\"127.0.1.22\",\"127.0.1.23\"],\"ttlSeconds\":9}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"name\":\"engine.r1.exchange.test\",\"addresses\":[\"127.0.1.22\",\"127.0.1.23\"],\"ttlSeconds\":9}");
        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R1))).containsExactly("127.0.1.22", "127.0.1.23");
        assertThat(Lookup.answerTtls(Lookup.a(server, Transport.UDP, R1))).containsExactly(9L, 9L);
        assertThat(call("GET", "/records/" + R1, null).json().get("ttlSeconds").asInt()).isEqualTo(9);
    }

    @Test
    void putWithoutTtlUsesTheServerDefaultAndDeleteRemoves() throws Exception {
        Answer put = call("PUT", "/records/engine.r5.exchange.test", "{\"addresses\":[\"127.0.5.21\"]}");
        assertThat(put.json().get("ttlSeconds").asInt()).isEqualTo(5);

        assertThat(call("DELETE", "/records/engine.r5.exchange.test", null).status()).isEqualTo(204);
        Answer again = call("DELETE", "/records/engine.r5.exchange.test", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("no record [engine.r5.exchange.test]; list records with GET /records");
        assertThat(call("GET", "/records/engine.r5.exchange.test", null).error())
                .isEqualTo("no record [engine.r5.exchange.test]; list records with GET /records");
    }

    @ParameterizedTest(name = "PUT /records/{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "engine.r1.exchange.test | ``                                   | request body is empty; send a JSON object like {\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5}",
        "engine.r1.exchange.test | {\"addresses\":                     | request body is not valid JSON (line 1, column 14); send a JSON object like {\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5}",
        "engine.r1.exchange.test | [\"127.0.1.21\"]                     | request body must be a JSON object, not an array; send one like {\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5}",
        "engine.r1.exchange.test | {\"ttlSeconds\":5}                   | addresses is missing; give one or more IPv4 addresses, e.g. {\"addresses\":[\"127.0.1.21\"]}",
        "engine.r1.exchange.test | {\"addresses\":[]}                   | addresses is empty; give at least one IPv4 address, or inject a fault with mode EMPTY to answer with none",
        "engine.r1.exchange.test | {\"addresses\":\"127.0.1.21\"}        | addresses must be a list of IPv4 addresses, e.g. [\"127.0.1.21\"]",
        "engine.r1.exchange.test | {\"addresses\":[\"127.0.1.21\",\"x\"]} | addresses[1] [x] is not an IPv4 address; write four numbers, e.g. 127.0.1.21",
        "engine.r1.exchange.test | {\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":-1}   | ttlSeconds [-1] must be a whole number of seconds from 0 to 86400",
        "engine.r1.exchange.test | {\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":\"5s\"} | ttlSeconds [5s] must be a whole number of seconds from 0 to 86400",
        "engine.r1.exchange.test | {\"addresses\":[\"127.0.1.21\"],\"ttl\":5} | unknown field [ttl]; known fields: addresses, ttlSeconds",
        "engine.r1.example.com   | {\"addresses\":[\"127.0.1.21\"]}      | name [engine.r1.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test",
        "bad..exchange.test      | {\"addresses\":[\"127.0.1.21\"]}      | name [bad..exchange.test] is not a valid DNS name; use dot-separated labels of letters, digits, '-' or '_'",
    })
    void badRecordsAreRejectedWithTheFieldAndTheFix(String name, String body, String error) throws Exception {
        Answer answer = call("PUT", "/records/" + name, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo(error);
        assertThat(server.record(R1).orElseThrow().addressTexts()).containsExactly("127.0.1.21");
    }

    @Test
    void everyProblemInABodyIsReportedAtOnce() throws Exception {
        Answer answer = call("POST", "/faults", "{\"pattern\":\"engine.r1.example.com\",\"mode\":\"FOO\",\"latency\":5}");

        assertThat(answer.status()).isEqualTo(400);
        List<String> problems = List.of(
                "unknown field [latency]; known fields: pattern, mode, latencyMs, address",
                "mode [FOO] is not a fault mode; use one of " + MODES,
                "pattern [engine.r1.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test");
        assertThat(answer.json().get("problems")).extracting(JsonNode::asText).containsExactlyElementsOf(problems);
        assertThat(answer.error()).isEqualTo(String.join("\n", problems));
    }

    @Test
    void injectsListsAndHealsFaultsOneByOne() throws Exception {
        Answer first = call("POST", "/faults", "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"nxdomain\"}");
        Answer second = call("POST", "/faults", "{\"pattern\":\"engine.r2.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":50}");

        assertThat(first.status()).isEqualTo(201);
        String id = first.json().get("id").asText();
        assertThat(first.json().get("mode").asText()).isEqualTo("NXDOMAIN");
        assertThat(first.json().get("pattern").asText()).isEqualTo(R1);
        assertThat(Instant.parse(first.json().get("activatedAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(second.json().get("latencyMs").asInt()).isEqualTo(50);
        assertThat(Lookup.a(server, Transport.UDP, R1).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        assertThat(call("GET", "/faults", null).json()).extracting(n -> n.get("id").asText())
                .containsExactly(id, second.json().get("id").asText());
        assertThat(call("GET", "/faults/" + id, null).body()).isEqualTo(first.body());

        assertThat(call("DELETE", "/faults/" + id, null).status()).isEqualTo(204);
        Answer again = call("DELETE", "/faults/" + id, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("no active fault [" + id + "]; list active faults with GET /faults");
        assertThat(call("GET", "/faults", null).json()).hasSize(1);
        assertThat(Lookup.addresses(Lookup.a(server, Transport.UDP, R1))).containsExactly("127.0.1.21");

        Answer clear = call("DELETE", "/faults", null);
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.body()).isEqualTo("{\"healed\":1}");
        assertThat(call("GET", "/faults", null).body()).isEqualTo("[]");
    }

    @Test
    void wrongAddressWithoutAnAddressReportsTheBlackHoleUsed() throws Exception {
        Answer answer = call("POST", "/faults", "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"WRONG_ADDRESS\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("address").asText()).isEqualTo("127.0.0.254");
    }

    @ParameterizedTest(name = "POST /faults {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                                       | request body is empty; send a JSON object like {\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\"}",
        "{\"pattern\": \"engine.r1.exchange.test\",               | request body is not valid JSON (line 1, column 39); send a JSON object like {\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\"}",
        "{\"mode\":\"NXDOMAIN\"} {}                               | request body is not valid JSON (line 1, column 21); send a JSON object like {\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\"}",
        "\"NXDOMAIN\"                                             | request body must be a JSON object, not a string; send one like {\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\"}",
        "{\"mode\":\"NXDOMAIN\"}                                  | pattern is missing; give an exact name like engine.r1.exchange.test or a glob like engine.*.exchange.test",
        "{\"pattern\":\"engine.r1.exchange.test\"}                | mode is missing; use one of NXDOMAIN, SERVFAIL, EMPTY, DROP, WRONG_ADDRESS, LATENCY",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"FOO\"} | mode [FOO] is not a fault mode; use one of NXDOMAIN, SERVFAIL, EMPTY, DROP, WRONG_ADDRESS, LATENCY",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":7}     | mode [7] must be a string, like \"NXDOMAIN\"",
        "{\"pattern\":42,\"mode\":\"DROP\"}                       | pattern [42] must be a string, like \"engine.r1.exchange.test\"",
        "{\"pattern\":\"engine.r1.example.com\",\"mode\":\"DROP\"}  | pattern [engine.r1.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test",
        "{\"pattern\":\"*\",\"mode\":\"DROP\"}                    | pattern [*] is outside zone [exchange.test]; use a name ending in .exchange.test",
        "{\"pattern\":\"a..exchange.test\",\"mode\":\"DROP\"}     | pattern [a..exchange.test] is not a valid name or glob; use dot-separated labels of letters, digits, '-' or '_', where '*' matches within one label and a '**' label matches one or more labels",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"LATENCY\"} | latencyMs is missing; mode LATENCY needs a delay in milliseconds, e.g. \"latencyMs\": 2000",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":0} | latencyMs [0] is out of range; use 1 to 60000",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":60001} | latencyMs [60001] is out of range; use 1 to 60000",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":\"2s\"} | latencyMs [2s] must be a whole number of milliseconds, e.g. 2000",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"LATENCY\",\"latencyMs\":1.5} | latencyMs [1.5] must be a whole number of milliseconds, e.g. 2000",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\",\"latencyMs\":5} | latencyMs applies only to mode LATENCY; remove it or use mode LATENCY",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"EMPTY\",\"address\":\"127.0.0.9\"} | address applies only to mode WRONG_ADDRESS; remove it or use mode WRONG_ADDRESS",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"WRONG_ADDRESS\",\"address\":\"10.1.2.3\"} | address [10.1.2.3] is not a loopback address; use one in 127.0.0.0/8, e.g. 127.0.0.254",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"WRONG_ADDRESS\",\"address\":\"black.hole\"} | address [black.hole] is not an IPv4 address; use one in 127.0.0.0/8, e.g. 127.0.0.254",
        "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"DROP\",\"latencyMS\":5} | unknown field [latencyMS]; known fields: pattern, mode, latencyMs, address",
    })
    void badFaultsAreRejectedWithTheFieldAndTheFix(String body, String error) throws Exception {
        Answer answer = call("POST", "/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo(error);
        assertThat(server.faults()).isEmpty();
    }

    @Test
    void queriesAreListedByNameAndTimeAndCounted() throws Exception {
        Instant before = Instant.now();
        FaultHandle fault = server.inject(FaultSpec.servfail("engine.r2.exchange.test"));
        Lookup.a(server, Transport.UDP, "engine.r2.exchange.test");
        Lookup.a(server, Transport.UDP, R1);

        JsonNode entries = call("GET", "/queries?name=engine.r2.exchange.test&since=" + before, null).json();

        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("name").asText()).isEqualTo("engine.r2.exchange.test");
        assertThat(entry.get("type").asText()).isEqualTo("A");
        assertThat(entry.get("transport").asText()).isEqualTo("UDP");
        assertThat(entry.get("outcome").asText()).isEqualTo("SERVFAIL");
        assertThat(entry.get("rcode").asText()).isEqualTo("SERVFAIL");
        assertThat(entry.get("faultId").asText()).isEqualTo(fault.id());
        assertThat(entry.get("faultMode").asText()).isEqualTo("SERVFAIL");
        assertThat(entry.get("client").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(call("GET", "/queries?since=2999-01-01T00:00:00Z", null).body()).isEqualTo("[]");
        assertThat(call("GET", "/queries?limit=1", null).json()).hasSize(1);

        JsonNode counts = call("GET", "/queries/counts", null).json();
        assertThat(counts.get("byName").get("engine.r2.exchange.test").get("SERVFAIL").asLong()).isPositive();
        assertThat(counts.get("byFault").get(fault.id()).asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', value = {
        "/queries?since=yesterday | since [yesterday] is not an ISO-8601 instant; write e.g. 2025-10-20T06:48:00Z",
        "/queries?limit=0         | limit [0] must be a whole number from 1 to 100000",
        "/queries?limit=lots      | limit [lots] must be a whole number from 1 to 100000",
        "/queries?nam=x           | unknown query parameter [nam]; known: name, since, limit",
        "/faults?all=true         | unknown query parameter [all]; this endpoint takes none",
    })
    void badQueryParametersAreRejected(String path, String error) throws Exception {
        Answer answer = call("GET", path, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo(error);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() throws Exception {
        // only the head goes out: a client still sending a body the server will not read may see the connection
        // reset before it reads the answer, so the test would race the kernel, not check the server
        String answer;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /faults HTTP/1.1\r\nHost: dns\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (2 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = readAnswer(socket.getInputStream());
        }

        assertThat(answer).startsWith("HTTP/1.1 413 ");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(DnsJson.MAPPER.readTree(body).get("error").asText())
                .isEqualTo("request body is larger than 1048576 bytes; send one record or fault per request");
        assertThat(call("GET", "/health", null).status()).isEqualTo(200);
    }

    /** One HTTP answer read off a socket: its head and as much body as its Content-Length says. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            read.write(c);
            String text = read.toString(StandardCharsets.US_ASCII);
            if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                headEnd = text.length();
                Matcher m = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(text);
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
            if (headEnd >= 0 && read.size() >= headEnd + length) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownPathIs404AndListsTheEndpoints() throws Exception {
        Answer answer = call("GET", "/fault", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("no endpoint [GET /fault]; endpoints: GET /health, GET /records,"
                + " GET /records/{name}, PUT /records/{name}, DELETE /records/{name}, GET /faults, POST /faults,"
                + " DELETE /faults, GET /faults/{id}, DELETE /faults/{id}, GET /queries, GET /queries/counts");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "POST   | /records        | method [POST] is not allowed on [/records]; use GET                  | GET",
        "PUT    | /faults         | method [PUT] is not allowed on [/faults]; use GET, POST or DELETE    | GET, POST, DELETE",
        "POST   | /faults/dns-1   | method [POST] is not allowed on [/faults/dns-1]; use GET or DELETE   | GET, DELETE",
        "DELETE | /health         | method [DELETE] is not allowed on [/health]; use GET                 | GET",
    })
    void wrongMethodIs405AndSaysWhichAreAllowed(String method, String path, String error, String allow) throws Exception {
        Answer answer = call(method, path, null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.error()).isEqualTo(error);
        assertThat(answer.response().headers().firstValue("Allow")).contains(allow);
    }
}
