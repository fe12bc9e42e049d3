package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the embedded Toxiproxy server's HTTP API (Jazzer): random methods, paths and bodies —
 * structured enough to reach every route, random enough to hit every parser branch. After every request the server
 * still answers, answered with a status Toxiproxy uses (a 500 only for a listen error, as Toxiproxy's own), and once
 * the proxies are deleted no listening socket is left behind.
 *
 * <p>Listen addresses in bodies are pinned to 127.0.77.0/24 so that a fuzzed proxy never takes a port of another
 * process on this machine. Without {@code JAZZER_FUZZ} only the seeds and past findings are replayed.
 */
class ToxiproxyApiFuzz {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS");
    private static final List<String> NAMES = List.of("a", "b", "db", "a b", "%2F", "..", "toxics", "x".repeat(300));
    /**
     * Names a body may give a proxy: not "..", which no path can reach (the router redirects /proxies/.. to /, in
     * Toxiproxy as here), so the clean-up could not delete it.
     */
    private static final List<String> PROXY_NAMES = NAMES.stream().filter(n -> !n.equals("..")).toList();
    private static final List<String> LISTENS = List.of("127.0.77.1:0", "127.0.77.1:0", "127.0.77.2:0",
        "127.0.77.1:20474", "127.0.77.1:20474", "", "127.0.77.1", "127.0.77.1:-1", "127.0.77.1:99999", "[::1:0",
        "127.0.77.1:abc", ":", "127.0.77.300:0");
    /** Toxiproxy's own, and its router's redirect of an unclean path (301). */
    private static final Set<Integer> STATUSES = Set.of(200, 201, 204, 301, 400, 403, 404, 405, 409, 413, 500);

    private static final String HEX = "0123456789ABCDEF";

    private static ToxiproxyServer server;

    @FuzzTest(maxDuration = "30s")
    void anyRequestLeavesTheServerAnsweringAndNoListenerBehind(FuzzedDataProvider data) throws Exception {
        try (var allowed = BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."))) {
            ToxiproxyServer s = server();
            int requests = data.consumeInt(1, 6);
            for (int i = 0; i < requests && data.remainingBytes() > 0; i++) {
                String method = data.pickValue(METHODS);
                String path = path(data);
                String body = body(data);
                Answer a = send(s, method, path, body);
                assertThat(STATUSES).as("%s %s %s -> %s", method, path, body, a).contains(a.status);
                if (a.status == 500) {
                    assertThat(JSON.readTree(a.body).path("error").asText())
                        .as("only a listen error is a 500: %s %s %s -> %s", method, path, body, a).startsWith("listen tcp");
                }
            }
            assertThat(send(s, "GET", "/version", "").status).as("still answering").isEqualTo(200);
            deleteEveryProxy(s);
            assertThat(listeningSockets()).as("listening sockets once every proxy is deleted").isEqualTo(1);
        }
    }

    private static synchronized ToxiproxyServer server() throws IOException {
        if (server == null) {
            server = ToxiproxyServer.start("127.0.0.1", 0);
        }
        return server;
    }

    private static String path(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> "/proxies";
            case 1 -> "/proxies/" + name(data);
            case 2 -> "/proxies/" + name(data) + "/toxics";
            case 3 -> "/proxies/" + name(data) + "/toxics/" + name(data);
            case 4 -> data.pickValue(List.of("/populate", "/reset", "/version", "/", "/proxies/", "/proxies//toxics"));
            default -> "/" + encoded(data.consumeString(40));
        };
    }

    private static String name(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(NAMES).replace(" ", "%20") : encoded(data.consumeString(12));
    }

    /**
     * Text as a valid request-target: RFC 3986 path characters kept (slashes too), the rest percent-encoded. An
     * invalid request line is Jetty's to reject, not the API's.
     */
    private static String encoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    /** A fuzzed body; a JSON one has its listen addresses pinned to the fuzzing range. */
    private static String body(FuzzedDataProvider data) {
        String raw = switch (data.consumeInt(0, 3)) {
            case 0 -> "";
            case 1 -> proxyJson(data);
            case 2 -> "[" + proxyJson(data) + "," + proxyJson(data) + "]";
            default -> data.consumeString(300);
        };
        try {
            return JSON.writeValueAsString(pin(JSON.readTree(raw), data));
        } catch (Exception notJson) {
            return raw.replaceAll("\"listen\"", "\"lstn\"");
        }
    }

    private static String proxyJson(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder("{");
        String[] fields = {"name", "listen", "upstream", "enabled", "type", "stream", "toxicity", "attributes"};
        for (String f : fields) {
            if (data.consumeBoolean()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append('"').append(f).append("\":").append(value(data, f));
            }
        }
        return b.append('}').toString();
    }

    private static String value(FuzzedDataProvider data, String field) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> "null";
            case 1 -> String.valueOf(data.consumeLong());
            case 2 -> String.valueOf(data.consumeBoolean());
            case 3 -> String.valueOf(data.consumeDouble());
            case 4 -> "{\"latency\":" + data.consumeLong() + ",\"jitter\":" + data.consumeInt() + ",\"rate\":"
                + data.consumeLong() + ",\"bytes\":" + data.consumeLong() + ",\"delay\":" + data.consumeInt()
                + ",\"timeout\":" + data.consumeInt() + ",\"average_size\":" + data.consumeInt() + "}";
            default -> {
                String text = switch (field) {
                    case "type" -> data.pickValue(List.of("latency", "bandwidth", "slow_close", "timeout", "reset_peer",
                        "slicer", "limit_data", "noop", "nope"));
                    case "stream" -> data.pickValue(List.of("upstream", "downstream", "both", ""));
                    case "upstream" -> data.pickValue(List.of("127.0.0.1:1", "127.0.77.9:9", "", "nohost"));
                    case "name" -> data.pickValue(PROXY_NAMES);
                    default -> data.consumeString(20);
                };
                yield JSON.getNodeFactory().textNode(text).toString();
            }
        };
    }

    private static JsonNode pin(JsonNode node, FuzzedDataProvider data) {
        if (node instanceof ObjectNode o && o.has("listen")) {
            o.put("listen", data.pickValue(LISTENS));
        }
        if (node.isContainerNode()) {
            node.forEach(child -> pin(child, data));
        }
        return node;
    }

    private static void deleteEveryProxy(ToxiproxyServer s) throws IOException {
        JsonNode proxies = JSON.readTree(send(s, "GET", "/proxies", "").body);
        for (Iterator<String> it = proxies.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
            assertThat(send(s, "DELETE", "/proxies/" + encoded, "").status).as("DELETE [%s]", name).isEqualTo(204);
        }
    }

    record Answer(int status, String body) {
    }

    private static Answer send(ToxiproxyServer s, String method, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(s.host(), s.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nContent-Length: "
                + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String response;
            try {
                response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("no answer to " + method + " " + path + " " + body + ": " + e, e);
            }
            assertThat(response).as("an HTTP answer to %s %s", method, path).startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Answer(status, split < 0 ? "" : response.substring(split + 4));
        }
    }

    /**
     * Listening TCP sockets this process holds, from /proc. Parsed by hand: Jazzer hooks every regex call, and a
     * regex per line of /proc/net/tcp6 made each input take a second.
     */
    static int listeningSockets() throws IOException {
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (int n = 1; n < lines.size(); n++) {
                List<String> f = fields(lines.get(n));
                if (f.size() > 9 && f.get(3).equals("0A")) {
                    listening.add(f.get(9));
                }
            }
        }
        int mine = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[") && listening.contains(link.substring(8, link.length() - 1))) {
                        mine++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor closed while listing
                }
            }
        }
        return mine;
    }

    private static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }
}
