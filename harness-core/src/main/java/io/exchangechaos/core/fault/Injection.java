package io.exchangechaos.core.fault;

import io.exchangechaos.core.ledger.InjectedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What an {@link FaultInjector} put in force for one step: what it resolved the target to ("links [a, b]", "region
 * r2 (containers)") and each part it applied (one per link, process group or name), each healed by its close.
 */
public record Injection(String resolvedTarget, List<InjectedFault> parts) {
    public Injection {
        parts = List.copyOf(parts);
    }

    /**
     * Applies every part at once, each on a thread of its own: a step's links must not wait for one another. If any
     * fails, the parts that applied are healed and the first failure is thrown (the others suppressed by it).
     */
    public static Injection together(String resolvedTarget, List<Supplier<InjectedFault>> each) {
        if (each.size() == 1) {
            return new Injection(resolvedTarget, List.of(each.get(0).get()));
        }
        List<CompletableFuture<InjectedFault>> applying = each.stream()
            .map(s -> CompletableFuture.supplyAsync(s, FaultExecutor::onOwnThread)).toList();
        List<InjectedFault> parts = new ArrayList<>();
        RuntimeException failed = null;
        for (CompletableFuture<InjectedFault> f : applying) {
            try {
                parts.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            }
        }
        if (failed != null) {
            for (InjectedFault applied : parts) {
                try {
                    applied.close();
                } catch (RuntimeException e) {
                    failed.addSuppressed(e);
                }
            }
            throw failed;
        }
        return new Injection(resolvedTarget, parts);
    }
}
