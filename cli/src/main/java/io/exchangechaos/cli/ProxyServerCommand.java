package io.exchangechaos.cli;

import io.exchangechaos.fault.proxy.ServerOptions;
import io.exchangechaos.fault.proxy.ToxiproxyServerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "proxy-server", mixinStandardHelpOptions = true,
    description = {"Runs the embedded Toxiproxy-compatible server alone, until Ctrl-C.",
        "It speaks Toxiproxy's HTTP API, so toxiproxy-cli and toxiproxy-java clients work with it."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos proxy-server", "  ./chaos proxy-server --host 0.0.0.0 --port 18474",
        "  ./chaos run region-loss --toxiproxy http://127.0.0.1:18474", "",
        "Exit codes: 0 after Ctrl-C, 1 cannot listen, 2 usage error."})
final class ProxyServerCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--host", paramLabel = "H", description = "Address the API listens on. Default: 127.0.0.1.")
    String host;

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
