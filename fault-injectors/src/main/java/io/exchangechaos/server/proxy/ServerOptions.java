package io.exchangechaos.server.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Command-line options of {@code chaos proxy-server}. The server relays to any upstream a client names, so it listens
 * on a loopback address unless {@code --allow-remote-targets} says other machines may reach it.
 */
public record ServerOptions(String host, int port, boolean allowRemoteTargets) {
    public static final String USAGE = "usage: chaos proxy-server [--host H] [--port P] [--allow-remote-targets]"
        + "   (defaults: --host 127.0.0.1 --port 8474)";

    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8474, false);
    }

    /**
     * @throws UsageException naming the argument and how to fix it
     */
    public static ServerOptions parse(String... args) {
        String host = defaults().host();
        int port = defaults().port();
        boolean allowRemoteTargets = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> {
                    host = value(args, i++);
                    if (host.isBlank()) {
                        throw new UsageException("--host [" + host + "]: empty host; pass an address such as --host 127.0.0.1");
                    }
                }
                case "--port" -> port = port(value(args, i++));
                case "--allow-remote-targets" -> allowRemoteTargets = true;
                default -> throw new UsageException("unknown argument [" + arg + "]; " + USAGE);
            }
        }
        if (!allowRemoteTargets && !loopback(host)) {
            throw new UsageException("--host [" + host + "]: not a loopback address, so other machines could reach the"
                + " API and use its proxies to relay to any address; keep the default 127.0.0.1, or pass"
                + " --allow-remote-targets if that is what you mean");
        }
        return new ServerOptions(host, port, allowRemoteTargets);
    }

    /** A name that does not resolve is left to the server to refuse (it cannot listen there). */
    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static String value(String[] args, int flagIndex) {
        if (flagIndex + 1 >= args.length || args[flagIndex + 1].startsWith("--")) {
            throw new UsageException(args[flagIndex] + ": missing value; " + USAGE);
        }
        return args[flagIndex + 1];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--port [" + text + "]: not a port number; pass an integer from 0 to 65535, e.g. --port 8474");
    }

    /** A bad command line; the message says which argument and how to fix it. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
