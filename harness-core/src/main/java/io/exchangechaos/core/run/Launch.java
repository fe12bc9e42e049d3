package io.exchangechaos.core.run;

import io.exchangechaos.core.backend.Backends;
import io.exchangechaos.core.backend.StackRequest;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the way and starts the stack: heals what dead runs left in the fault ledger, sweeps their containers, and
 * starts the backend's stack. Containers of other backends' runs are swept meanwhile, as they cannot be in the way.
 */
final class Launch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Launch.class);

    private final RunContext ctx;
    private final CompletableFuture<List<String>> otherBackendsSweep;

    private Launch(RunContext ctx, CompletableFuture<List<String>> otherBackendsSweep) {
        this.ctx = ctx;
        this.otherBackendsSweep = otherBackendsSweep;
    }

    /** Heals leftovers and starts sweeping other backends' containers; sets {@code recorder}. */
    static Launch healLeftovers(RunContext ctx) {
        ctx.recorder = FaultRecorder.using(new FaultLedger(ctx.options.ledger()));
        // what dead runs of this backend left (containers, say) could be in the way of its stack: swept before the
        // ledger's faults are healed; what other backends' runs left cannot, and is swept meanwhile
        List<String> swept = ctx.backend.sweepLeftovers(false);
        CleanupReport leftovers = Cleanup.of(ctx.recorder.ledger()).withoutSweep().run().withContainers(swept);
        CompletableFuture<List<String>> others = CompletableFuture.supplyAsync(() -> Backends.all().stream()
            .filter(b -> !b.name().equals(ctx.backend.name())).flatMap(b -> b.sweepLeftovers(false).stream()).toList(),
            r -> {
                Thread t = new Thread(r, "container-sweep");
                t.setDaemon(true);
                t.start();
            });
        if (!leftovers.items().isEmpty()) {
            ctx.progress().event("healed leftovers of an earlier run before starting:\n" + leftovers.format());
        }
        return new Launch(ctx, others);
    }

    /** Starts the stack (sets {@code stack}); its services' commands join the secrets. */
    void startStack() {
        ctx.progress().stage("starting the " + ctx.topology.spec() + " stack (" + ctx.options.backend() + ")");
        Topology topology = Topologies.load(Topologies.resolve(ctx.topology, ctx.scenarioDir()), ctx.weakness);
        Secrets.Builder fromTopology = Secrets.builder();
        topology.services().forEach(s -> fromTopology.command(s.start()));
        ctx.secrets = ctx.secrets.and(fromTopology.build());
        ctx.stack = ctx.backend.start(new StackRequest(topology, ctx.weakness, ctx.runDir, ctx.recorder)
            .withToxiproxy(ctx.options.toxiproxy()));
    }

    /** Waits for the other backends' sweep and says what it removed. */
    void reportSwept() {
        try {
            List<String> removed = otherBackendsSweep.join();
            if (!removed.isEmpty()) {
                ctx.progress().event("removed containers of an earlier run:\n  " + String.join("\n  ", removed));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not sweep containers of earlier runs: {}", e.toString());
        }
    }

    /** A run that ended early does not leave the sweep behind. */
    @Override
    public void close() {
        otherBackendsSweep.exceptionally(e -> List.of()).join();
    }
}
