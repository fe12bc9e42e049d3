package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerArgsTest {

    private static List<String> problems(String... args) {
        try {
            ServerArgs.parse(List.of(args));
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems for " + List.of(args));
    }

    @Test
    void readsTheDocumentedCommandLine() {
        DnsServerConfig config = ServerArgs.parse(List.of("--zone", "exchange.test", "--listen", "127.0.0.53:10053",
                "--control", "127.0.0.1:8475", "--record", "engine.r1.exchange.test=127.0.1.21",
                "--record=engine.r2.exchange.test=127.0.2.21,127.0.2.22", "--ttl", "5s", "--query-log", "dns.jsonl"));

        assertThat(config.zone()).isEqualTo("exchange.test");
        assertThat(config.dnsListen()).isEqualTo(new InetSocketAddress("127.0.0.53", 10053));
        assertThat(config.controlListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8475));
        assertThat(config.records()).containsOnlyKeys("engine.r1.exchange.test", "engine.r2.exchange.test");
        assertThat(config.records().get("engine.r2.exchange.test")).hasSize(2);
        assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.queryLogFile()).isEqualTo(Path.of("dns.jsonl"));
    }

    @Test
    void defaultsMatchTheTopology() {
        DnsServerConfig config = ServerArgs.parse(List.of("--zone", "exchange.test", "--ttl", "1m", "--control", "off"));

        assertThat(config.dnsListen()).isEqualTo(new InetSocketAddress("127.0.0.53", 10053));
        assertThat(config.controlListen()).isNull();
        assertThat(config.ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.blackHole().getHostAddress()).isEqualTo("127.0.0.254");
    }

    @Test
    void namesEachBadArgumentAndItsFix() {
        assertThat(problems("--listen", "nowhere", "--ttl", "soon", "--record", "engine.r1.exchange.test",
                "--record", "engine.r2.exchange.test=1.2.3", "--black-hole", "10.0.0.1", "--frobnicate", "--control"))
                .containsExactly(
                        "unknown argument [--frobnicate]; known: --zone, --listen, --control, --record, --ttl, --black-hole, --query-log, --help",
                        "--control needs a value, e.g. --control 127.0.0.1:8475",
                        "--zone is missing; give the zone to answer for, e.g. --zone exchange.test",
                        "--listen [nowhere] is not IPV4:PORT; write e.g. --listen 127.0.0.53:10053 (port 0 picks a free one)",
                        "--ttl [soon] is not a duration; write whole seconds like 5s, 30s or 2m",
                        "--record [engine.r1.exchange.test] is not NAME=IPV4[,IPV4...]; write e.g. --record engine.r1.exchange.test=127.0.1.21",
                        "--record [engine.r2.exchange.test=1.2.3]: [1.2.3] is not an IPv4 address; write four numbers, e.g. 127.0.1.21",
                        "--black-hole [10.0.0.1] is not a loopback address; use one in 127.0.0.0/8, e.g. 127.0.0.254");
    }

    @Test
    void configProblemsNameTheArgument() {
        assertThat(problems("--zone", "exchange.test", "--record", "engine.example.com=127.0.1.21", "--ttl", "1500ms"))
                .containsExactly("--ttl [1500ms] must be whole seconds from 0s to 86400s, e.g. 5s");
        assertThat(problems("--zone", "exchange.test", "--record", "engine.example.com=127.0.1.21"))
                .containsExactly("--record [engine.example.com] is outside zone [exchange.test]; use a name ending in .exchange.test");
        assertThat(problems("--zone", "exchange..test"))
                .containsExactly("--zone [exchange..test] is not a valid DNS name; use dot-separated labels of letters, digits, '-' or '_'");
        assertThat(problems("--zone", "a.test", "--zone", "b.test")).containsExactly("--zone is given twice; give it once");
    }

    @Test
    void mainExitsWithTwoAndPrintsProblemsThenUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = DnsFaultServerMain.run(List.of("--listen", "x"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "--zone is missing; give the zone to answer for, e.g. --zone exchange.test",
                "--listen [x] is not IPV4:PORT; write e.g. --listen 127.0.0.53:10053 (port 0 picks a free one)",
                ServerArgs.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = DnsFaultServerMain.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(ServerArgs.USAGE);
    }

    @Test
    void rejectsADuplicateOrMissingValueEvenWithAZone() {
        assertThatThrownBy(() -> ServerArgs.parse(List.of("--zone", "exchange.test", "--ttl")))
                .hasMessage("--ttl needs a value, e.g. --ttl 5s");
    }
}
