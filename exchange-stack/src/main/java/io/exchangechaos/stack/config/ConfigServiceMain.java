package io.exchangechaos.stack.config;

import io.exchangechaos.stack.common.Args;
import java.nio.file.Path;
import java.util.Set;

public final class ConfigServiceMain {
    private ConfigServiceMain() {
    }

    public static void main(String[] argv) throws Exception {
        io.exchangechaos.stack.common.StackJvm.prepare();
        Args args = Args.parse("config-service", argv, Set.of("listen", "data"));
        ConfigService service = ConfigService.start(args.address("listen"), Path.of(args.required("data")));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "config-shutdown"));
        System.out.println("config service listening on http://" + args.required("listen"));
        Thread.currentThread().join();
    }
}
