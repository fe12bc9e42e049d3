package io.exchangechaos.stack.engine;

import io.exchangechaos.stack.common.Args;
import java.nio.file.Path;
import java.util.Set;

/** One engine replica: a Raft peer holding the order books and ledger, with an HTTP API for gateways. */
public final class EngineMain {
    private EngineMain() {
    }

    public static void main(String[] argv) throws Exception {
        io.exchangechaos.stack.common.StackJvm.prepare();
        Args args = Args.parse("engine", argv, Set.of("id", "http", "raft", "peers", "data", "weakness", "transport"));
        EngineConfig config = new EngineConfig(args.required("id"), args.address("http"), args.address("raft"),
            EngineConfig.parsePeers(args.required("peers")), Path.of(args.required("data")), args.weakness(),
            EngineConfig.Transport.valueOf(args.optional("transport", "grpc").toUpperCase(java.util.Locale.ROOT)));
        EngineNode node = EngineNode.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "engine-shutdown"));
        System.out.println("engine " + config.id() + " listening on http://" + config.http() + " (raft " + config.raft() + ")");
        Thread.currentThread().join();
    }
}
