package io.exchangechaos.core.run;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.load.LoadPlan;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Weakness;
import java.util.List;
import java.util.Optional;

/** The scenario's load as the load generator runs it: rate, mix and surges through the stack's entrypoints. */
final class LoadPlans {
    private LoadPlans() {
    }

    /** The plan of the scenario's load through the run's stack, said to the operator. */
    static LoadPlan of(RunContext ctx) {
        Load load = ctx.scenario.load();
        boolean failover = ctx.weakness != Weakness.NO_CLIENT_FAILOVER;
        int home = homeEntrypoint(ctx.stack);
        LoadPlan plan = new LoadPlan(load.rate().perSecond(), load.rampUp(), load.duration(),
            load.surges().stream().map(s -> new LoadPlan.Surge(s.at(), s.rate().perSecond(), s.duration())).toList(),
            load.mix().limit(), load.mix().market(), load.mix().cancel(),
            load.symbols().isEmpty() ? ctx.adapter.defaultSymbols() : load.symbols(), load.accounts(),
            load.requestTimeout(), ctx.stack.entrypoints(), home, failover, 3, ctx.seed, ctx.runId);
        ctx.progress().stage("load: " + plan.ratePerSecond() + " orders/s for " + load.duration().toSeconds()
            + " s through " + plan.entrypoints().size() + " entrypoints" + (failover ? "" : " (no failover: sticking to "
            + plan.entrypoints().get(home) + ")"));
        return plan;
    }

    private static int homeEntrypoint(Stack stack) {
        // a client without failover is homed where the engine leader lives, as a primary region would be
        Optional<String> leader = stack.leaderService();
        if (leader.isEmpty()) {
            return 0;
        }
        String region = stack.topology().regionOf(leader.get());
        List<Link> entries = stack.topology().entrypointLinks();
        for (int i = 0; i < entries.size(); i++) {
            if (region.equals(stack.topology().regionOf(entries.get(i).to()))) {
                return i;
            }
        }
        return 0;
    }
}
