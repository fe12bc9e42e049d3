package io.exchangechaos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code chaos proxy-server} as a real process: banner, API up, SIGTERM, exit codes. */
class ToxiproxyServerMainIT {

    private static Process launch(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                ToxiproxyServerMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void prints_the_banner_serves_the_api_and_stops_on_sigterm() throws Exception {
        Process process = launch("--host", "127.0.0.1", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).matches("toxiproxy-compatible server listening on http://127\\.0\\.0\\.1:[1-9][0-9]*");
            String url = banner.substring(banner.indexOf("http://"));

            HttpResponse<String> version = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/version")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(version.body()).contains("2.12.0");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void bad_arguments_exit_2_with_a_message_naming_the_argument() throws Exception {
        Process process = launch("--port", "eighty");
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("proxy-server: --port [eighty]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474"
                            + System.lineSeparator());
        } finally {
            process.destroyForcibly();
        }
    }
}
