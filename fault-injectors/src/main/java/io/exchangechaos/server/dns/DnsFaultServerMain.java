package io.exchangechaos.server.dns;

import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link DnsFaultServer} until SIGTERM or Ctrl-C, e.g.
 * {@code --zone exchange.test --listen 127.0.0.53:10053 --control 127.0.0.1:8475
 * --record engine.r1.exchange.test=127.0.1.21 --ttl 5s --query-log dns.jsonl}.
 * Exit codes: 0 stopped cleanly, 1 could not start (e.g. port in use), 2 bad arguments.
 */
public final class DnsFaultServerMain {

    private DnsFaultServerMain() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Starts and blocks until the JVM shuts down; returns at once with 1 or 2 when it cannot start. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(ServerArgs.USAGE);
            return 0;
        }
        DnsServerConfig config;
        try {
            config = ServerArgs.parse(args);
        } catch (InvalidInputException e) {
            e.problems().forEach(err::println);
            err.println(ServerArgs.USAGE);
            return 2;
        }
        DnsFaultServer server;
        try {
            server = DnsFaultServer.start(config);
        } catch (Exception e) {
            err.println("DNS fault server could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dns-shutdown"));
        out.println("DNS fault server ready: zone=" + server.zone()
                + " udp=" + DnsNames.hostPort(server.udpAddress())
                + " tcp=" + DnsNames.hostPort(server.tcpAddress())
                + " control=" + server.controlUri().map(URI::toString).orElse("off")
                + " records=" + server.records().size());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }
}
