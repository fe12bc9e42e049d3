package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Args;
import java.util.Arrays;
import java.util.Set;

public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] argv) throws Exception {
        io.exchangechaos.stack.common.StackJvm.prepare();
        Args args = Args.parse("gateway", argv,
            Set.of("id", "listen", "dns", "engines", "config-url", "dependency-url", "weakness", "max-in-flight"));
        Gateway.GatewayConfig config = new Gateway.GatewayConfig(args.required("id"), args.address("listen"),
            args.address("dns"), Arrays.stream(args.required("engines").split(",")).map(String::trim).toList(),
            args.required("config-url"), args.required("dependency-url"), args.weakness(),
            args.positiveInt("max-in-flight", Gateway.DEFAULT_MAX_IN_FLIGHT));
        Gateway gateway = Gateway.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        System.out.println("gateway " + config.id() + " listening on http://" + config.listen());
        Thread.currentThread().join();
    }
}
