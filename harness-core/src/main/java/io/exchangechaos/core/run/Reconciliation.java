package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.history.Operation;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the exchange holds after the run: every replica's state, read once they agree on how far they applied (or
 * after 20 s), and the outcome of every order whose answer was unknown, asked through each entrypoint in turn.
 *
 * @param replicas    the replicas read
 * @param unreachable replicas that could not be read, with why
 * @param resolutions what the exchange says of each order whose answer was unknown and any entrypoint answered for
 */
record Reconciliation(List<ReplicaState> replicas, Map<String, String> unreachable,
                      Map<String, Optional<OrderRecord>> resolutions) {

    static Reconciliation of(RunContext ctx, List<Operation> ops) {
        ctx.progress().stage("reconciling every order");
        ExchangeAdapter adapter = ctx.adapter;
        Stack stack = ctx.stack;
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<ReplicaState> replicas = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            replicas.clear();
            unreachable.clear();
            for (URI uri : stack.replicas()) {
                try {
                    replicas.add(adapter.readState(uri, Duration.ofSeconds(10)));
                } catch (IOException e) {
                    unreachable.put(uri.toString(), e.getMessage());
                }
            }
            boolean converged = unreachable.isEmpty()
                && replicas.stream().map(ReplicaState::appliedIndex).distinct().count() <= 1;
            if (converged || System.nanoTime() > deadline) {
                break;
            }
            LoadClock.SYSTEM.sleep(500);
        }
        Map<String, Optional<OrderRecord>> resolutions = new LinkedHashMap<>();
        List<URI> entry = stack.entrypoints();
        for (Operation op : ops) {
            if (op.answer() == Answer.Kind.UNKNOWN && op.isPlace()) {
                for (URI uri : entry) {
                    try {
                        resolutions.put(op.clientOrderId(), adapter.query(uri, op.clientOrderId(), Duration.ofSeconds(3)));
                        break;
                    } catch (IOException e) {
                        // try the next entrypoint
                    }
                }
            }
        }
        return new Reconciliation(replicas, unreachable, resolutions);
    }
}
