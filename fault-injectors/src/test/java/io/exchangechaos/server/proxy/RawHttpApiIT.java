package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API on the wire: status codes, exact error bodies, headers. */
class RawHttpApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ToxiproxyServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        server = ToxiproxyServer.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteAll() throws Exception {
        JsonNode proxies = json(call("GET", "/proxies", null));
        for (Iterator<String> it = proxies.fieldNames(); it.hasNext(); ) {
            call("DELETE", "/proxies/" + it.next(), null);
        }
    }

    // --- general -----------------------------------------------------------------------------

    @Test
    void version_is_json_with_a_newline() throws Exception {
        HttpResponse<String> response = call("GET", "/version", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"version\": \"2.12.0-exchange-chaos\"}\n");
    }

    @Test
    void every_response_carries_a_distinct_request_id() throws Exception {
        Optional<String> ok = call("GET", "/proxies", null).headers().firstValue("X-Toxiproxy-Request-Id");
        Optional<String> notFound = call("GET", "/nope", null).headers().firstValue("X-Toxiproxy-Request-Id");
        Optional<String> forbidden = callAs("Mozilla/5.0 (X11)", "GET", "/proxies").headers().firstValue("X-Toxiproxy-Request-Id");

        assertThat(ok).isPresent();
        assertThat(notFound).isPresent();
        assertThat(forbidden).isPresent();
        assertThat(ok.get()).hasSize(20).isNotEqualTo(notFound.get()).isNotEqualTo(forbidden.get());
    }

    @Test
    void browsers_are_refused_in_plain_text() throws Exception {
        HttpResponse<String> refused = callAs("Mozilla/5.0 (Macintosh)", "GET", "/proxies");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(refused.body()).isEqualTo("User agent not allowed\n");
        assertThat(callAs("curl/8.0", "GET", "/proxies").statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_path_is_a_plain_404_and_wrong_method_an_empty_405() throws Exception {
        for (String path : new String[] {"/nope", "/proxies/a/b", "/proxies/"}) {
            HttpResponse<String> response = call("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("404 page not found\n");
        }
        for (String[] request : new String[][] {{"DELETE", "/version"}, {"PUT", "/proxies"}, {"GET", "/reset"},
                {"PUT", "/proxies/x/toxics/y"}, {"HEAD", "/proxies"}}) {
            HttpResponse<String> response = call(request[0], request[1], null);
            assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(405);
            assertThat(response.body()).as(request[0] + " " + request[1]).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        }
    }

    // --- proxies -----------------------------------------------------------------------------

    @Test
    void create_answers_201_with_the_real_listen_address() throws Exception {
        HttpResponse<String> response = call("POST", "/proxies",
                "{\"name\":\"p\",\"listen\":\"localhost:0\",\"upstream\":\"127.0.0.1:9\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode proxy = json(response);
        assertThat(proxy.get("name").asText()).isEqualTo("p");
        assertThat(proxy.get("listen").asText()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(proxy.get("upstream").asText()).isEqualTo("127.0.0.1:9");
        assertThat(proxy.get("enabled").asBoolean()).isTrue();
        assertThat(proxy.get("toxics").isArray()).isTrue();
        assertThat(json(call("GET", "/proxies", null)).get("p")).isEqualTo(proxy);
        assertThat(json(call("GET", "/proxies/p", null))).isEqualTo(proxy);
    }

    @Test
    void create_disabled_does_not_listen() throws Exception {
        HttpResponse<String> response = call("POST", "/proxies",
                "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("enabled").asBoolean()).isFalse();
        assertThat(json(response).get("listen").asText()).isEqualTo("127.0.0.1:0");
    }

    @Test
    void create_errors() throws Exception {
        assertError(call("POST", "/proxies", ""), 400, "bad request body: EOF");
        assertThat(errorOf(call("POST", "/proxies", "{\"name\":"))).startsWith("bad request body: ");
        assertError(call("POST", "/proxies", "{\"name\":5,\"upstream\":\"x:1\"}"), 400,
                "bad request body: json: cannot unmarshal number into field name of type string");
        assertError(call("POST", "/proxies", "{\"upstream\":\"127.0.0.1:9\"}"), 400, "missing required field: name");
        assertError(call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:0\"}"), 400, "missing required field: upstream");

        call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
        assertError(call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}"),
                409, "proxy already exists");
    }

    @Test
    void port_taken_is_500_with_the_bind_error_and_creates_nothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            assertError(call("POST", "/proxies", "{\"name\":\"busy\",\"listen\":\"" + listen + "\",\"upstream\":\"127.0.0.1:9\"}"),
                    500, "listen tcp " + listen + ": bind: address already in use");
            assertError(call("GET", "/proxies/busy", null), 404, "proxy not found");
        }
    }

    @Test
    void unknown_proxy_is_404_for_every_method() throws Exception {
        assertError(call("GET", "/proxies/ghost", null), 404, "proxy not found");
        assertError(call("POST", "/proxies/ghost", "{\"enabled\":false}"), 404, "proxy not found");
        assertError(call("PATCH", "/proxies/ghost", "not json"), 404, "proxy not found");
        assertError(call("DELETE", "/proxies/ghost", null), 404, "proxy not found");
        assertError(call("GET", "/proxies/ghost/toxics", null), 404, "proxy not found");
        assertError(call("POST", "/proxies/ghost/toxics", "not json"), 404, "proxy not found");
        assertError(call("GET", "/proxies/ghost/toxics/t", null), 404, "proxy not found");
        assertError(call("POST", "/proxies/ghost/toxics/t", "{}"), 404, "proxy not found");
        assertError(call("DELETE", "/proxies/ghost/toxics/t", null), 404, "proxy not found");
    }

    @Test
    void update_is_partial_and_answers_the_whole_proxy() throws Exception {
        createProxy("u");

        HttpResponse<String> disabled = call("PATCH", "/proxies/u", "{\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(json(disabled).get("upstream").asText()).isEqualTo("127.0.0.1:9");

        HttpResponse<String> moved = call("POST", "/proxies/u", "{\"upstream\":\"127.0.0.1:10\",\"enabled\":true}");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(moved).get("upstream").asText()).isEqualTo("127.0.0.1:10");
        assertThat(json(moved).get("enabled").asBoolean()).isTrue();
        assertThat(json(moved).get("toxics").isArray()).isTrue();

        assertThat(errorOf(call("POST", "/proxies/u", "{"))).startsWith("bad request body: ");
    }

    @Test
    void delete_answers_204() throws Exception {
        createProxy("d");
        HttpResponse<String> response = call("DELETE", "/proxies/d", null);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertError(call("DELETE", "/proxies/d", null), 404, "proxy not found");
    }

    // --- toxics ------------------------------------------------------------------------------

    @Test
    void toxic_defaults_name_stream_toxicity_and_lists_every_attribute() throws Exception {
        createProxy("t");

        HttpResponse<String> response = call("POST", "/proxies/t/toxics", "{\"type\":\"slicer\",\"attributes\":{\"average_size\":5,\"bogus\":1}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"attributes\":{\"average_size\":5,\"size_variation\":0,\"delay\":0},"
                + "\"name\":\"slicer_downstream\",\"type\":\"slicer\",\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(json(call("GET", "/proxies/t/toxics/slicer_downstream", null))).isEqualTo(json(response));
    }

    @Test
    void every_type_answers_all_of_its_attributes() throws Exception {
        createProxy("all");
        String[][] types = {
                {"latency", "latency", "jitter"}, {"bandwidth", "rate"}, {"slow_close", "delay"}, {"timeout", "timeout"},
                {"reset_peer", "timeout"}, {"slicer", "average_size", "size_variation", "delay"}, {"limit_data", "bytes"}, {"noop"}};
        for (String[] type : types) {
            JsonNode toxic = json(call("POST", "/proxies/all/toxics", "{\"type\":\"" + type[0] + "\",\"stream\":\"UPSTREAM\"}"));
            assertThat(toxic.get("name").asText()).isEqualTo(type[0] + "_upstream");
            assertThat(toxic.get("stream").asText()).isEqualTo("upstream");
            assertThat(toxic.get("attributes").size()).as(type[0]).isEqualTo(type.length - 1);
            for (int i = 1; i < type.length; i++) {
                assertThat(toxic.get("attributes").get(type[i]).asLong()).as(type[0] + "." + type[i]).isZero();
            }
        }
    }

    @Test
    void toxic_create_errors_in_toxiproxy_order() throws Exception {
        createProxy("e");

        assertThat(errorOf(call("POST", "/proxies/e/toxics", "{nope"))).startsWith("bad request body: ");
        assertError(call("POST", "/proxies/e/toxics", "{\"type\":\"nope\",\"stream\":\"sideways\"}"),
                400, "stream was invalid, can be either upstream or downstream");
        assertError(call("POST", "/proxies/e/toxics", "{\"type\":\"packet_loss\"}"), 400, "invalid toxic type");
        assertError(call("POST", "/proxies/e/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}"),
                400, "bad request body: json: cannot unmarshal number 1.5 into attribute latency of type int64");

        call("POST", "/proxies/e/toxics", "{\"name\":\"x\",\"type\":\"latency\",\"stream\":\"upstream\"}");
        assertError(call("POST", "/proxies/e/toxics", "{\"name\":\"x\",\"type\":\"timeout\",\"stream\":\"downstream\"}"),
                409, "toxic already exists");
    }

    @Test
    void toxics_are_listed_upstream_first_in_insertion_order() throws Exception {
        createProxy("o");
        call("POST", "/proxies/o/toxics", "{\"name\":\"d1\",\"type\":\"noop\"}");
        call("POST", "/proxies/o/toxics", "{\"name\":\"u1\",\"type\":\"noop\",\"stream\":\"upstream\"}");
        call("POST", "/proxies/o/toxics", "{\"name\":\"d2\",\"type\":\"noop\"}");
        call("POST", "/proxies/o/toxics", "{\"name\":\"u2\",\"type\":\"noop\",\"stream\":\"upstream\"}");

        JsonNode toxics = json(call("GET", "/proxies/o/toxics", null));
        assertThat(toxics.findValuesAsText("name")).containsExactly("u1", "u2", "d1", "d2");
        assertThat(json(call("GET", "/proxies/o", null)).get("toxics")).isEqualTo(toxics);
    }

    @Test
    void toxic_update_merges_attributes_and_keeps_the_rest() throws Exception {
        createProxy("m");
        call("POST", "/proxies/m/toxics", "{\"name\":\"lat\",\"type\":\"latency\",\"toxicity\":0.5,\"attributes\":{\"latency\":100,\"jitter\":7}}");

        HttpResponse<String> response = call("PATCH", "/proxies/m/toxics/lat", "{\"attributes\":{\"latency\":300}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("attributes")).isEqualTo(JSON.readTree("{\"latency\":300,\"jitter\":7}"));
        assertThat(json(response).get("toxicity").floatValue()).isEqualTo(0.5f);
        JsonNode retoxified = json(call("POST", "/proxies/m/toxics/lat", "{\"toxicity\":0.25}"));
        assertThat(retoxified.get("toxicity").floatValue()).isEqualTo(0.25f);
        assertThat(retoxified.get("attributes").get("latency").asLong()).isEqualTo(300);
        assertThat(errorOf(call("POST", "/proxies/m/toxics/lat", "[1"))).startsWith("bad request body: ");
    }

    @Test
    void unknown_toxic_is_404() throws Exception {
        createProxy("n");
        assertError(call("GET", "/proxies/n/toxics/none", null), 404, "toxic not found");
        assertError(call("POST", "/proxies/n/toxics/none", "{}"), 404, "toxic not found");
        assertError(call("DELETE", "/proxies/n/toxics/none", null), 404, "toxic not found");
    }

    @Test
    void toxic_delete_answers_204() throws Exception {
        createProxy("td");
        call("POST", "/proxies/td/toxics", "{\"name\":\"x\",\"type\":\"noop\"}");
        HttpResponse<String> response = call("DELETE", "/proxies/td/toxics/x", null);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(json(call("GET", "/proxies/td/toxics", null)).size()).isZero();
    }

    // --- reset and populate ------------------------------------------------------------------

    @Test
    void reset_answers_204_re_enables_and_clears_toxics() throws Exception {
        createProxy("r");
        call("POST", "/proxies/r/toxics", "{\"type\":\"noop\"}");
        call("POST", "/proxies/r", "{\"enabled\":false}");

        HttpResponse<String> response = call("POST", "/reset", null);

        assertThat(response.statusCode()).isEqualTo(204);
        JsonNode proxy = json(call("GET", "/proxies/r", null));
        assertThat(proxy.get("enabled").asBoolean()).isTrue();
        assertThat(proxy.get("toxics").size()).isZero();
    }

    @Test
    void populate_creates_all_and_answers_201() throws Exception {
        HttpResponse<String> response = call("POST", "/populate",
                "[{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
                        + "{\"name\":\"p2\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode proxies = json(response).get("proxies");
        assertThat(proxies.findValuesAsText("name")).containsExactly("p1", "p2");
        assertThat(proxies.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(proxies.get(1).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void populate_is_all_or_nothing_and_names_the_index() throws Exception {
        assertPopulateError(call("POST", "/populate",
                        "[{\"name\":\"ok\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},{\"upstream\":\"127.0.0.1:9\"}]"),
                "{\"error\":\"missing required field: name at proxy 2\",\"status\":400,\"proxies\":null}");
        assertPopulateError(call("POST", "/populate", "[{\"name\":\"ok\",\"listen\":\"127.0.0.1:0\"}]"),
                "{\"error\":\"missing required field: upstream at proxy 1\",\"status\":400,\"proxies\":null}");
        HttpResponse<String> notAList = call("POST", "/populate", "{\"name\":\"ok\"}");
        assertThat(notAList.statusCode()).isEqualTo(400);
        assertThat(json(notAList).get("error").asText()).startsWith("bad request body: ");
        assertThat(json(notAList).get("proxies").isNull()).isTrue();
        assertThat(json(call("GET", "/proxies", null)).size()).isZero();
    }

    @Test
    void populate_keeps_identical_proxies_with_toxics_and_replaces_changed_ones() throws Exception {
        String keptListen = json(createProxy("kept")).get("listen").asText();
        call("POST", "/proxies/kept/toxics", "{\"type\":\"noop\"}");
        createProxy("changed");
        call("POST", "/proxies/changed/toxics", "{\"type\":\"noop\"}");
        createProxy("untouched");

        HttpResponse<String> response = call("POST", "/populate",
                "[{\"name\":\"kept\",\"listen\":\"" + keptListen + "\",\"upstream\":\"127.0.0.1:9\"},"
                        + "{\"name\":\"changed\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:10\"}]");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(call("GET", "/proxies/kept", null)).get("toxics").size()).isEqualTo(1);
        JsonNode changed = json(call("GET", "/proxies/changed", null));
        assertThat(changed.get("upstream").asText()).isEqualTo("127.0.0.1:10");
        assertThat(changed.get("toxics").size()).isZero();
        assertThat(json(call("GET", "/proxies", null)).has("untouched")).isTrue();
    }

    // --- helpers -----------------------------------------------------------------------------

    private static HttpResponse<String> createProxy(String name) throws Exception {
        HttpResponse<String> response = call("POST", "/proxies",
                "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return response;
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).method(method, publisher).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> callAs(String userAgent, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
                .header("User-Agent", userAgent).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Toxiproxy's apiError: the JSON through Go's http.Error, so plain text with a newline. */
    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.body()).isEqualTo(JSON.createObjectNode().put("error", message).put("status", status) + "\n");
    }

    /** POST /populate writes its errors itself: JSON, no newline. */
    private static void assertPopulateError(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(body);
    }

    private static String errorOf(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode node = json(response);
        assertThat(node.get("status").asInt()).isEqualTo(400);
        return node.get("error").asText();
    }
}
