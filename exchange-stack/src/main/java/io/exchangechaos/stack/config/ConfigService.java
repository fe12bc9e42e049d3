package io.exchangechaos.stack.config;

import io.exchangechaos.stack.common.HostPort;
import io.exchangechaos.stack.common.HttpResponses;
import io.exchangechaos.stack.common.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A versioned config store with a push endpoint. Like a real control plane it stores what it is given without
 * judging it: validation is each consumer's job, which is exactly what the bad-config-push scenario tests.
 *
 * <pre>
 * GET  /config           current body; header X-Config-Version
 * POST /config           push a new version (any bytes); 201 {"version":N}
 * POST /config/rollback  make the version before the current one current again, as a new version
 * GET  /config/history   every version: number, size, sha256, when, note
 * </pre>
 */
public final class ConfigService implements AutoCloseable {
    /** A handful of gateways poll it; pushes are rare. A pushed config larger than this is refused with 413. */
    static final HttpService.Limits LIMITS = new HttpService.Limits(4, 64, 256, java.time.Duration.ofSeconds(30), 64);
    static final int MAX_CONFIG_BYTES = 16 << 20;

    private final HttpService http;
    private final Path dataDir;
    /** Every version ever pushed, for the audit trail. */
    private final List<Version> versions = new ArrayList<>();
    /** The versions in force, newest on top; a rollback pops the top. */
    private final java.util.ArrayDeque<Version> effective = new java.util.ArrayDeque<>();

    private ConfigService(HostPort listen, Path dataDir) throws IOException {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        load();
        if (versions.isEmpty()) {
            add(defaultConfig(), "initial");
        }
        http = HttpService.start("config", listen, LIMITS, this::route);
    }

    public static ConfigService start(HostPort listen, Path dataDir) throws IOException {
        return new ConfigService(listen, dataDir);
    }

    public static String defaultConfig() {
        try (InputStream in = ConfigService.class.getResourceAsStream("default-config.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return http.port();
    }

    synchronized int currentVersion() {
        return effective.peek().number();
    }

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals("/health")) {
            HttpResponses.json(response, callback, 200, Map.of("status", "UP", "version", currentVersion()));
        } else if (path.equals("/config") || path.startsWith("/config/")) {
            if ("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) {
                Content.Source.asByteArrayAsync(request, MAX_CONFIG_BYTES).whenComplete((body, error) -> {
                    if (error != null) {
                        HttpResponses.error(response, callback, 413, "the config could not be read (at most "
                            + MAX_CONFIG_BYTES + " bytes): " + error.getMessage());
                    } else {
                        handle(request, path, body, response, callback);
                    }
                });
            } else {
                handle(request, path, new byte[0], response, callback);
            }
        } else {
            HttpResponses.error(response, callback, 404, "no such path [" + path + "]; use /config, /config/rollback or /config/history");
        }
    }

    private void handle(Request request, String path, byte[] requestBody, Response response, Callback callback) {
        String method = request.getMethod();
        try {
            switch (path) {
                case "/config" -> {
                    if ("GET".equals(method)) {
                        Version v;
                        synchronized (this) {
                            v = effective.peek();
                        }
                        response.getHeaders().put("X-Config-Version", String.valueOf(v.number()));
                        HttpResponses.bytes(response, callback, 200, "application/json", v.body().getBytes(StandardCharsets.UTF_8));
                    } else if ("POST".equals(method) || "PUT".equals(method)) {
                        String body = new String(requestBody, StandardCharsets.UTF_8);
                        String note = request.getHeaders().get("X-Config-Note");
                        Version v = add(body, note == null ? "push" : note);
                        HttpResponses.json(response, callback, 201, Map.of("version", v.number()));
                    } else {
                        HttpResponses.error(response, callback, 405, "use GET or POST on /config");
                    }
                }
                case "/config/rollback" -> {
                    if (!"POST".equals(method)) {
                        HttpResponses.error(response, callback, 405, "use POST /config/rollback");
                        return;
                    }
                    Version v = rollback();
                    if (v == null) {
                        HttpResponses.error(response, callback, 409, "nothing to roll back to: only one version exists");
                    } else {
                        HttpResponses.json(response, callback, 201, Map.of("version", v.number()));
                    }
                }
                case "/config/history" -> HttpResponses.json(response, callback, 200, history());
                default -> HttpResponses.error(response, callback, 404, "no such path [" + path + "]; use /config, /config/rollback or /config/history");
            }
        } catch (IOException e) {
            HttpResponses.error(response, callback, 500, e.getMessage());
        }
    }

    private synchronized Version add(String body, String note) throws IOException {
        int number = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).number() + 1;
        Version v = new Version(number, body, Instant.now(), note);
        Files.writeString(dataDir.resolve(String.format("v%06d.json", number)), body);
        Files.writeString(dataDir.resolve(String.format("v%06d.note", number)), v.pushedAt() + " " + note);
        versions.add(v);
        effective.push(v);
        return v;
    }

    /** The version in force before the current one became current, republished under a new number. */
    private synchronized Version rollback() throws IOException {
        if (effective.size() <= 1) {
            return null;
        }
        effective.pop();
        Version previous = effective.pop();
        return add(previous.body(), "rollback to v" + previous.number());
    }

    private synchronized List<Map<String, Object>> history() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Version v : versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.number());
            m.put("bytes", v.body().length());
            m.put("sha256", sha256(v.body()));
            m.put("pushedAt", v.pushedAt().toString());
            m.put("note", v.note());
            m.put("current", v == effective.peek());
            out.add(m);
        }
        return out;
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("v\\d{6}\\.json")).sorted().toList()) {
                int number = Integer.parseInt(p.getFileName().toString().substring(1, 7));
                Path notePath = p.resolveSibling(String.format("v%06d.note", number));
                String note = Files.exists(notePath) ? Files.readString(notePath) : "";
                Version v = new Version(number, Files.readString(p), Instant.now(), note);
                versions.add(v);
                effective.push(v);
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private record Version(int number, String body, Instant pushedAt, String note) {
    }
}
