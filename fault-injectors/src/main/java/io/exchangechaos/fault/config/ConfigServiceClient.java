package io.exchangechaos.fault.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.http.ControlCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The config service's HTTP API, as the staged exchange speaks it (and any config store that offers the same three
 * endpoints): {@code GET /config}, {@code POST /config}, {@code POST /config/rollback}, {@code GET /config/history}.
 */
public final class ConfigServiceClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public ConfigServiceClient(String baseUrl, Duration timeout) {
        String text = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public ConfigServiceClient(String baseUrl) {
        this(baseUrl, ControlCalls.DEFAULT);
    }

    public String baseUrl() {
        return base.toString();
    }

    /** The body in force and its version ({@code X-Config-Version}). */
    public Current current() throws IOException {
        HttpResponse<String> response = send("GET", "/config", null, null, 200);
        int version = response.headers().firstValue("X-Config-Version").map(Integer::parseInt).orElseThrow(() ->
            new IOException("GET " + base + "/config answered without an X-Config-Version header"));
        return new Current(version, response.body());
    }

    /** Pushes {@code body} as a new version; returns its number. */
    public int push(String body, String note) throws IOException {
        return version(send("POST", "/config", body, note, 201));
    }

    /** Makes the version before the current one current again (as a new version); returns the new number. */
    public int rollback() throws IOException {
        return version(send("POST", "/config/rollback", "", null, 201));
    }

    public List<VersionInfo> history() throws IOException {
        JsonNode array = MAPPER.readTree(send("GET", "/config/history", null, null, 200).body());
        List<VersionInfo> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(new VersionInfo(v.path("version").asInt(), v.path("sha256").asText(), v.path("note").asText(""),
                v.path("current").asBoolean()));
        }
        return out;
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int version(HttpResponse<String> response) throws IOException {
        JsonNode json = MAPPER.readTree(response.body());
        if (!json.hasNonNull("version")) {
            throw new IOException("config service answered " + response.statusCode() + " without a version: " + response.body());
        }
        return json.get("version").asInt();
    }

    private HttpResponse<String> send(String method, String path, String body, String note, int expected) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (note != null) {
            request.header("X-Config-Note", note);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (ControlCalls.isTimeout(e)) {
                throw ControlCalls.timedOut("config service", base.toString(), method + " " + path, timeout, e);
            }
            throw new IOException("config service at [" + base + "] is not reachable (" + e + "); check that it runs"
                + " and that the URL is right", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method + " " + base + path, e);
        }
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + base + path + " answered " + response.statusCode() + " (expected "
                + expected + "): " + response.body());
        }
        return response;
    }

    /** The config in force. */
    public record Current(int version, String body) {
    }

    /** One line of {@code GET /config/history}. */
    public record VersionInfo(int version, String sha256, String note, boolean current) {
    }
}
