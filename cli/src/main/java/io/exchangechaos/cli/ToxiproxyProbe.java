package io.exchangechaos.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** Asks an external Toxiproxy ({@code --toxiproxy URL}) for its version before a run starts, with a short timeout. */
final class ToxiproxyProbe {
    /** Long enough for a busy server on this machine, short enough that a server that never answers is named soon. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private ToxiproxyProbe() {
    }

    /** Why no Toxiproxy answers at {@code api}, or empty when {@code GET /version} got a 200. */
    static Optional<String> version(URI api) {
        URI version = URI.create("http://" + api.getHost() + ":" + api.getPort() + "/version");
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(version).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.empty()
                : Optional.of("GET /version answered " + r.statusCode() + ", so this is not a Toxiproxy API");
        } catch (HttpTimeoutException e) {
            return Optional.of("no answer to GET /version within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return Optional.of("nothing accepts connections there (connection refused)");
        } catch (IOException e) {
            return Optional.of("GET /version failed (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking GET /version");
        }
    }
}
