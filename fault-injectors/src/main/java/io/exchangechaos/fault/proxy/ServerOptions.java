package io.exchangechaos.fault.proxy;

/** Command-line options of {@code chaos proxy-server}. */
public record ServerOptions(String host, int port) {
    public static final String USAGE = "usage: chaos proxy-server [--host H] [--port P]   (defaults: --host 127.0.0.1 --port 8474)";

    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8474);
    }

    /**
     * @throws UsageException naming the argument and how to fix it
     */
    public static ServerOptions parse(String... args) {
        String host = defaults().host();
        int port = defaults().port();
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
                default -> throw new UsageException("unknown argument [" + arg + "]; " + USAGE);
            }
        }
        return new ServerOptions(host, port);
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
