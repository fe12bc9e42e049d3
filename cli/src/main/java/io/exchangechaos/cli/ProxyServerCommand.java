package io.exchangechaos.cli;

import io.exchangechaos.server.proxy.ServerOptions;
import io.exchangechaos.server.proxy.ToxiproxyServerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "proxy-server", mixinStandardHelpOptions = true,
    description = {"Runs the embedded Toxiproxy-compatible server alone, until Ctrl-C.",
        "It speaks Toxiproxy's HTTP API, so toxiproxy-cli and toxiproxy-java clients work with it.",
        "It listens on loopback: its proxies relay to any address a client names, so an API other machines can reach",
        "is an open relay; another address needs --allow-remote-targets."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos proxy-server", "  ./chaos proxy-server --port 18474",
        "  ./chaos run region-loss --toxiproxy http://127.0.0.1:18474", "",
        "Exit codes: 0 after Ctrl-C, 1 cannot listen, 2 usage error (a non-loopback --host without",
        "--allow-remote-targets too)."})
final class ProxyServerCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--host", paramLabel = "H",
        description = "Address the API listens on; a loopback one unless --allow-remote-targets. Default: 127.0.0.1.")
    String host;

    @Option(names = "--allow-remote-targets",
        description = "Allow a --host other machines can reach: anyone who reaches it can relay through its proxies.")
    boolean allowRemoteTargets;

    @Option(names = "--port", paramLabel = "P", description = "Port the API listens on (0 = any free one). Default: 8474.")
    String port;

    ProxyServerCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (host != null) {
            args.add("--host");
            args.add(host);
        }
        if (port != null) {
            args.add("--port");
            args.add(port);
        }
        if (allowRemoteTargets) {
            args.add("--allow-remote-targets");
        }
        try {
            ServerOptions.parse(args.toArray(String[]::new));
        } catch (ServerOptions.UsageException e) {
            throw new UsageException("proxy-server: " + e.getMessage());
        }
        // Ctrl-C is a normal stop (exit 0, as the contract says), not the JVM's 130: exit, and the server's own
        // shutdown hook closes it
        Interrupts.onSigint(() -> System.exit(ExitCodes.OK));
        // the server's own main: it prints the banner, serves until stopped, and closes in its shutdown hook
        ToxiproxyServerMain.main(args.toArray(String[]::new));
        return ExitCodes.OK;
    }
}
