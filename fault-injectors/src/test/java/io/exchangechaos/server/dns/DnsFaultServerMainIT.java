package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The command-line server as its own process: starts, answers, obeys its control API, stops on SIGTERM. */
class DnsFaultServerMainIT {

    private static final Pattern READY =
            Pattern.compile("DNS fault server ready: zone=(\\S+) udp=127\\.0\\.0\\.1:(\\d+) tcp=\\S+ control=(\\S+) records=(\\d+)");

    @Test
    void runsAsAProcessUntilSigterm(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path queryLog = dir.resolve("queries.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DnsFaultServerMain.class.getName(),
                "--zone", "exchange.test", "--listen", "127.0.0.1:0", "--control", "127.0.0.1:0",
                "--record", "engine.r1.exchange.test=127.0.1.21", "--ttl", "3s", "--query-log", queryLog.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(new File(dir.toFile(), "stderr.txt"))
                .start();
        try {
            Matcher ready = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> readyLine(stdout), Optional::isPresent).orElseThrow();
            assertThat(ready.group(1)).isEqualTo("exchange.test");
            assertThat(ready.group(4)).isEqualTo("1");
            DnsFaultClient client = DnsFaultClient.connect(ready.group(3));
            int port = Integer.parseInt(ready.group(2));

            client.inject(FaultSpec.wrongAddress("engine.r1.exchange.test"));
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
            resolver.setLocalAddress(new InetSocketAddress("127.0.0.1", 0));
            resolver.setTimeout(Duration.ofSeconds(3));
            Message reply = resolver.send(Lookup.question("engine.r1.exchange.test", Type.A));

            assertThat(Lookup.addresses(reply)).containsExactly("127.0.0.254");
            assertThat(Lookup.answerTtls(reply)).containsExactly(3L);
            assertThat(client.queryCounts().count("engine.r1.exchange.test", QueryOutcome.ANSWER)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Files.readAllLines(queryLog)).hasSize(1));

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            assertThat(client.isUp()).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    private static Optional<Matcher> readyLine(Path stdout) throws IOException {
        if (!Files.exists(stdout)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(stdout);
        return lines.stream().map(READY::matcher).filter(Matcher::find).findFirst();
    }
}
