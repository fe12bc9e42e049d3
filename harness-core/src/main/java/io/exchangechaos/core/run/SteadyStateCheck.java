package io.exchangechaos.core.run;

import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Verdict;

/**
 * The steady-state hypothesis, checked before the load (the stack's warm-up too: INCONCLUSIVE if it never holds) and
 * after the faults were healed (FAIL if it does not return). An operator's abort stops the wait without a finding.
 */
final class SteadyStateCheck {
    private final RunContext ctx;
    private final SteadyStateProbe probe;

    SteadyStateCheck(RunContext ctx) {
        this.ctx = ctx;
        this.probe = new SteadyStateProbe(ctx.adapter, ctx.stack.entrypoints());
    }

    /** Waits for the steady state before the load, calling {@code onServing} once the stack serves orders; true if it held. */
    boolean before(Runnable onServing) {
        ctx.progress().stage("steady state (warm-up)");
        ctx.steadyBefore = probe.await(ctx.scenario.steadyState(), ctx.runId + "-ss-before",
            ctx.scenario.load().rate().perSecond(), true, ctx.abort::aborted, onServing);
        if (!ctx.steadyBefore.held() && !ctx.abort.operatorAborted()) {
            ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.STEADY_STATE_BEFORE,
                "the stack never reached its steady state before the load: " + ctx.steadyBefore.detail()));
        }
        return ctx.steadyBefore.held();
    }

    /** Waits for the steady state to return after the faults were healed. */
    void after() {
        ctx.progress().stage("steady state (after)");
        ctx.steadyAfter = probe.await(ctx.scenario.steadyState(), ctx.runId + "-ss-after",
            ctx.scenario.load().rate().perSecond(), false, ctx.abort::aborted);
        if (!ctx.steadyAfter.held() && !ctx.abort.operatorAborted()) {
            ctx.findings.add(new Finding(Verdict.FAIL, Finding.STEADY_STATE_AFTER,
                "the steady state did not return after the faults were healed: " + ctx.steadyAfter.detail()));
        }
    }
}
