package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.adapter.ReplicaState;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The registry of {@link Checker}s: every one {@link ServiceLoader} finds on the class path, harness-core's own
 * built-ins (registered in its {@code META-INF/services}) first.
 */
public final class Checkers {
    private static final Map<ClassLoader, List<Checker>> FOUND = new WeakHashMap<>();

    private Checkers() {
    }

    /** The checkers on the thread's context class path, one per invariant. */
    public static List<Checker> all() {
        return all(classLoader());
    }

    /**
     * The checkers {@code loader} finds, one per invariant.
     *
     * @throws IllegalStateException when two checkers claim one invariant
     */
    public static List<Checker> all(ClassLoader loader) {
        synchronized (FOUND) {
            List<Checker> cached = FOUND.get(loader);
            if (cached != null) {
                return cached;
            }
        }
        Map<Invariant, Checker> byInvariant = new LinkedHashMap<>();
        for (Checker c : ServiceLoader.load(Checker.class, loader)) {
            Checker before = byInvariant.putIfAbsent(c.invariant(), c);
            if (before != null && before.getClass() != c.getClass()) {
                throw new IllegalStateException("Two checkers for invariant [" + c.invariant() + "]: ["
                    + before.getClass().getName() + "] and [" + c.getClass().getName() + "]; remove one of their jars from the"
                    + " class path");
            }
        }
        List<Checker> found = List.copyOf(byInvariant.values());
        synchronized (FOUND) {
            FOUND.put(loader, found);
        }
        return found;
    }

    /** The invariants a scenario may name: those of {@link #all()}, in its order. */
    public static List<Invariant> invariants() {
        return all().stream().map(Checker::invariant).toList();
    }

    /**
     * Checks each of {@code invariants}, in the registry's order. An invariant no checker on the class path decides is
     * not checked (INCONCLUSIVE: it was asked for); one whose checker needs what the adapter cannot observe is not
     * applicable.
     */
    public static List<RunOutcome.InvariantResult> check(List<Invariant> invariants, CheckContext ctx) {
        return check(all(), invariants, ctx);
    }

    static List<RunOutcome.InvariantResult> check(List<Checker> checkers, List<Invariant> invariants, CheckContext ctx) {
        List<RunOutcome.InvariantResult> out = new ArrayList<>();
        List<Invariant> unchecked = new ArrayList<>(invariants);
        for (Checker c : checkers) {
            if (invariants.contains(c.invariant())) {
                out.add(checkOne(c, ctx));
                unchecked.remove(c.invariant());
            }
        }
        for (Invariant i : unchecked) {
            out.add(RunOutcome.InvariantResult.notChecked(i, "no checker for this invariant on the class path, so it was"
                + " not checked; add the jar of the checker that decides it"));
        }
        return out;
    }

    /** Asks {@code c} only when the adapter can observe what it needs; otherwise its invariant is not applicable. */
    private static RunOutcome.InvariantResult checkOne(Checker c, CheckContext ctx) {
        Needs needs = c.needs();
        if (!needs.metBy(ctx.capabilities())) {
            return RunOutcome.InvariantResult.notApplicable(c.invariant(), "adapter [" + ctx.adapter() + "] "
                + needs.whyNot(ctx.capabilities()));
        }
        RunOutcome.InvariantResult r = c.check(ctx);
        return r.checked() && r.checkedBy() == null ? r.checkedBy("checker " + c.getClass().getName()) : r;
    }

    /**
     * Why a scenario may not name {@code invariant} when it runs through an adapter named {@code adapter} that can
     * observe {@code capabilities}: empty when it may (or no checker decides it: the scenario's reader says that).
     */
    public static Optional<String> refusal(Invariant invariant, String adapter, Set<Capability> capabilities) {
        return all().stream().filter(c -> c.invariant().equals(invariant)).findFirst()
            .filter(c -> !c.needs().metBy(capabilities))
            .map(c -> "adapter [" + adapter + "] " + c.needs().whyNot(capabilities) + "; drop it from invariants, or"
                + " implement that in the adapter and declare it in its capabilities()");
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Checkers.class.getClassLoader();
    }

    static RunOutcome.InvariantResult result(Invariant inv, List<String> violations, String okDetail, String badDetail) {
        if (violations.isEmpty()) {
            return new RunOutcome.InvariantResult(inv, Verdict.PASS, 0, List.of(), okDetail);
        }
        return new RunOutcome.InvariantResult(inv, Verdict.FAIL, violations.size(),
            List.copyOf(violations.subList(0, Math.min(Checker.EXAMPLES, violations.size()))), badDetail);
    }

    /**
     * The result of a checker that reads the replicas' state when none was read: not applicable when the topology has
     * no service holding state, not checked when every one failed to answer.
     */
    static RunOutcome.InvariantResult noReplicas(Invariant inv, CheckContext ctx) {
        if (ctx.unreachable().isEmpty()) {
            return RunOutcome.InvariantResult.notApplicable(inv, "no service of the topology holds state the adapter"
                + " could read (no kind: engine service)");
        }
        return RunOutcome.InvariantResult.notChecked(inv, "no replica's state could be read: " + ctx.unreachable());
    }

    /** {@code 3 replicas}, {@code 1 replica}. */
    static String replicas(int n) {
        return n + (n == 1 ? " replica" : " replicas");
    }

    static Map<String, OrderRecord> byId(ReplicaState r) {
        Map<String, OrderRecord> m = new HashMap<>(r.orders().size() * 2);
        r.orders().forEach(o -> m.putIfAbsent(o.clientOrderId(), o));
        return m;
    }
}
