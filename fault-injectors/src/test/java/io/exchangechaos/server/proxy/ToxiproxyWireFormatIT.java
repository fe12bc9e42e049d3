package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answers whose form differed from Toxiproxy 2.12.0's on the same probe, byte for byte on the wire: status line,
 * the headers Go's server sets for them, and the body. Read from Toxiproxy's api.go (apiError goes through
 * {@code http.Error}, which sends plain text; the browser check is {@code http.Error} too; gorilla/mux answers an
 * unknown path with {@code http.NotFound}, a wrong method with a bare 405 and an unclean path with a 301) and from
 * Go's {@code encoding/json} (a float32 1 is {@code 1}; {@code < > &} are escaped).
 */
class ToxiproxyWireFormatIT {
    private static ToxiproxyServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ToxiproxyServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() throws IOException {
        send("DELETE", "/proxies/w", "", "");
        send("DELETE", "/proxies/%3Ca&b%3E", "", "");
    }

    @Test
    void a_toxic_lists_its_attributes_first_and_writes_toxicity_as_go_writes_a_float32() throws IOException {
        createProxy("w");

        Wire whole = send("POST", "/proxies/w/toxics", "", "{\"name\":\"lat\",\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
        Wire half = send("POST", "/proxies/w/toxics", "", "{\"name\":\"half\",\"type\":\"noop\",\"toxicity\":0.5}");
        Wire tenth = send("PATCH", "/proxies/w/toxics/half", "", "{\"toxicity\":0.1}");

        assertThat(whole.head()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(whole.header("Content-Type")).isEqualTo("application/json");
        assertThat(whole.body()).isEqualTo("{\"attributes\":{\"latency\":5,\"jitter\":0},\"name\":\"lat\",\"type\":\"latency\","
            + "\"stream\":\"downstream\",\"toxicity\":1}");
        assertThat(half.body()).isEqualTo("{\"attributes\":{},\"name\":\"half\",\"type\":\"noop\",\"stream\":\"downstream\","
            + "\"toxicity\":0.5}");
        assertThat(tenth.body()).endsWith("\"toxicity\":0.1}");
    }

    @Test
    void a_browser_is_refused_in_plain_text() throws IOException {
        Wire refused = send("GET", "/proxies", "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n", "");

        assertThat(refused.head()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(refused.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(refused.header("X-Toxiproxy-Request-Id")).hasSize(20);
        assertThat(refused.body()).isEqualTo("User agent not allowed\n");
    }

    @Test
    void an_invalid_populate_says_proxies_null_in_json_without_a_newline() throws IOException {
        Wire invalid = send("POST", "/populate", "", "[{\"upstream\":\"127.0.0.1:9\"}]");

        assertThat(invalid.head()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(invalid.header("Content-Type")).isEqualTo("application/json");
        assertThat(invalid.body()).isEqualTo("{\"error\":\"missing required field: name at proxy 1\",\"status\":400,\"proxies\":null}");
    }

    @Test
    void an_api_error_is_its_json_sent_as_plain_text_with_a_newline() throws IOException {
        Wire missing = send("GET", "/proxies/ghost", "", "");

        assertThat(missing.head()).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(missing.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(missing.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(missing.body()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
    }

    @Test
    void an_unknown_path_is_go_s_not_found() throws IOException {
        Wire unknown = send("GET", "/nope", "", "");

        assertThat(unknown.head()).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(unknown.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(unknown.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void a_wrong_method_is_a_bare_405() throws IOException {
        Wire wrong = send("PUT", "/proxies", "", "{}");

        assertThat(wrong.head()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(wrong.header("Content-Type")).isNull();
        assertThat(wrong.header("Content-Length")).isEqualTo("0");
        assertThat(wrong.body()).isEmpty();
    }

    @Test
    void an_unclean_path_is_redirected_to_the_clean_one() throws IOException {
        Wire redirect = send("GET", "/proxies/../version?x=1", "", "");
        Wire doubled = send("GET", "//proxies", "", "");

        assertThat(redirect.head()).isEqualTo("HTTP/1.1 301 Moved Permanently");
        assertThat(redirect.header("Location")).isEqualTo("/version?x=1");
        assertThat(redirect.body()).isEmpty();
        assertThat(doubled.header("Location")).isEqualTo("/proxies");
    }

    @Test
    void version_says_its_charset_and_ends_with_a_newline() throws IOException {
        Wire version = send("GET", "/version", "", "");

        assertThat(version.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(version.body()).isEqualTo("{\"version\": \"" + ToxiproxyServer.VERSION + "\"}\n");
    }

    @Test
    void names_are_escaped_as_go_escapes_html_characters() throws IOException {
        Wire created = send("POST", "/proxies", "", "{\"name\":\"<a&b>\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\","
            + "\"enabled\":false}");

        assertThat(created.head()).isEqualTo("HTTP/1.1 201 Created");
        assertThat(created.body()).startsWith("{\"name\":\"\\u003ca\\u0026b\\u003e\",");
    }

    @Test
    void a_body_over_the_limit_is_refused_before_it_is_read() throws IOException {
        // the head alone announces 100 MB; not a byte of the body is sent, so an answer proves none was awaited
        Wire tooLarge = sendHead("POST /proxies HTTP/1.1\r\nHost: wire\r\nConnection: close\r\nContent-Length: 104857600\r\n\r\n");
        Wire populate = sendHead("POST /populate HTTP/1.1\r\nHost: wire\r\nConnection: close\r\nContent-Length: 104857600\r\n\r\n");

        assertThat(tooLarge.head()).isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertThat(tooLarge.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(tooLarge.body()).isEqualTo("{\"error\":\"request body too large: the limit is 1048576 bytes\",\"status\":413}\n");
        assertThat(populate.header("Content-Type")).isEqualTo("application/json");
        assertThat(populate.body())
            .isEqualTo("{\"error\":\"request body too large: the limit is 1048576 bytes\",\"status\":413,\"proxies\":null}");
    }

    private static void createProxy(String name) throws IOException {
        Wire created = send("POST", "/proxies", "", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(created.head()).isEqualTo("HTTP/1.1 201 Created");
    }

    /** An answer as it came off the socket. */
    record Wire(String head, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    static Wire send(String method, String path, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return sendHead(method + " " + path + " HTTP/1.1\r\nHost: wire\r\nConnection: close\r\n" + extraHeaders
            + "Content-Length: " + bytes.length + "\r\n\r\n" + body);
    }

    private static Wire sendHead(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            Arrays.stream(lines).skip(1).forEach(line -> {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            });
            return new Wire(lines[0], headers, text.substring(split + 4));
        }
    }
}
