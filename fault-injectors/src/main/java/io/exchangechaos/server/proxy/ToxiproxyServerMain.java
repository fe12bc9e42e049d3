package io.exchangechaos.server.proxy;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code chaos proxy-server [--host H] [--port P] [--allow-remote-targets]}: runs the Toxiproxy-compatible server alone
 * until SIGTERM or Ctrl-C. Exit codes: 2 bad arguments, 1 cannot listen.
 */
public final class ToxiproxyServerMain {
    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_USAGE = 2;

    private ToxiproxyServerMain() {
    }

    public static void main(String[] args) {
        ToxiproxyServer server = start(args, System.out, System.err);
        if (server == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "toxiproxy-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server and prints the banner; on failure prints why and exits, returning null. */
    static ToxiproxyServer start(String[] args, PrintStream out, PrintStream err) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (ServerOptions.UsageException e) {
            err.println("proxy-server: " + e.getMessage());
            exit(EXIT_USAGE);
            return null;
        }
        try {
            ToxiproxyServer server = ToxiproxyServer.start(options.host(), options.port());
            out.println("toxiproxy-compatible server listening on " + server.apiUrl());
            out.flush();
            return server;
        } catch (IOException e) {
            err.println("proxy-server: " + e.getMessage());
            exit(EXIT_CANNOT_START);
            return null;
        }
    }

    private static void exit(int code) {
        System.exit(code);
    }
}
