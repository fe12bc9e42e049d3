package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Args;
import io.exchangechaos.stack.common.HostPort;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] argv) throws Exception {
        io.exchangechaos.stack.common.StackJvm.prepare();
        Args args = Args.parse("gateway", argv, Set.of("id", "listen", "dns", "engines", "config-url", "dependency-url",
            "weakness", "max-in-flight", "fix-listen", "fix-data", "fix-sessions"));
        Gateway.GatewayConfig config = new Gateway.GatewayConfig(args.required("id"), args.address("listen"),
            args.address("dns"), Arrays.stream(args.required("engines").split(",")).map(String::trim).toList(),
            args.required("config-url"), args.required("dependency-url"), args.weakness(),
            args.positiveInt("max-in-flight", Gateway.DEFAULT_MAX_IN_FLIGHT), fix(args));
        Gateway gateway = Gateway.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        System.out.println("gateway " + config.id() + " listening on http://" + config.listen()
            + (config.fix() == null ? "" : " and FIX 4.4 " + config.fix().listen()));
        Thread.currentThread().join();
    }

    /** FIX order entry is off unless {@code --fix-listen} is given; it then needs {@code --fix-data}. */
    private static Gateway.FixSettings fix(Args args) {
        if (args.optional("fix-listen", null) == null) {
            if (args.optional("fix-data", null) != null || args.optional("fix-sessions", null) != null) {
                System.err.println("gateway: --fix-data and --fix-sessions need --fix-listen HOST:PORT; add it, or drop them");
                System.exit(2);
            }
            return null;
        }
        HostPort listen = args.address("fix-listen");
        String data = args.optional("fix-data", null);
        if (data == null) {
            System.err.println("gateway: --fix-listen needs --fix-data DIR, where FIX sequence numbers survive a restart;"
                + " write it like --fix-data data/gateway-r1-fix");
            System.exit(2);
        }
        List<String> senders = Arrays.stream(args.optional("fix-sessions", "").split(","))
            .map(String::trim).filter(x -> !x.isEmpty()).toList();
        return new Gateway.FixSettings(listen, Path.of(data), senders);
    }
}
