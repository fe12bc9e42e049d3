package io.exchangechaos.core.run;

import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.fault.FaultExecutor;
import io.exchangechaos.core.history.SteadyClock;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of each step of the timeline, kept in the run's context and told to the operator as it happens: when it
 * was in effect and healed (seconds since the load started), or why it could not be injected or healed.
 */
final class StepOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(StepOutcomes.class);

    private final RunContext ctx;
    private final LoadClock clock;

    StepOutcomes(RunContext ctx, LoadClock clock) {
        this.ctx = ctx;
        this.clock = clock;
    }

    /**
     * Records what became of steps injected together; returns those in effect, having recorded the ones that failed.
     * A step not applied whose offset came before the run stopped ({@code stoppedAt}, seconds since the load started)
     * was due: it makes the run INCONCLUSIVE, whether it failed, hung or was cancelled while it was late.
     */
    List<FaultExecutor.Injected> record(List<FaultExecutor.Injected> results, long loadStart, double stoppedAt) {
        List<FaultExecutor.Injected> active = new ArrayList<>();
        for (FaultExecutor.Injected r : results) {
            TimelineStep step = r.step();
            double at = step.at().toNanos() / 1e9;
            if (r.fault() != null) {
                ActiveStep f = r.fault();
                double inEffect = (LoadClock.micros(r.inEffect()) - loadStart) / 1e6;
                double done = (LoadClock.micros(r.done()) - loadStart) / 1e6;
                ctx.injectionLagMillis.add((inEffect - at) * 1000);
                ctx.progress().event(String.format("%.1fs injected [%s] on %s (in effect at %.3fs%s%s)", at,
                    step.name(), f.target(), inEffect,
                    done - inEffect >= 0.05 ? String.format(", done at %.2fs", done) : "",
                    r.readyLate().toMillis() > 0 ? ", ready " + r.readyLate().toMillis() + " ms after its offset" : ""));
                ctx.faultStart.put(f, inEffect);
                ctx.faultDue.put(f, step.at());
                active.add(r);
            } else if (at > stoppedAt) {
                // the run stopped (aborted, or the load ended) before this step's offset: as if it was never due
                ctx.progress().event(String.format("not injected [%s]: the run stopped at %.1fs, before its offset",
                    step.name(), stoppedAt));
            } else {
                String why = r.cancelled() ? String.format("it was not ready at its offset, and the run stopped at %.1fs"
                    + " before it was", stoppedAt) : r.error().getMessage();
                LOG.warn("could not inject [{}]: {}", step.name(), r.cancelled() ? why : r.error().toString());
                ctx.failedFaults.add(new RunOutcome.FaultWindow(step.name(), FaultExecutor.typeOf(step.fault()),
                    step.target().toString(), SteadyClock.now(), Optional.empty(), step.at(), Optional.empty(),
                    Optional.ofNullable(why), Optional.of(step.at())));
                ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS,
                    "fault [" + step.name() + "] could not be injected: " + why));
                ctx.progress().event("could not inject [" + step.name() + "]: " + why);
            }
        }
        return active;
    }

    void heal(ActiveStep f) {
        try {
            f.heal();
            ctx.faultEnd.put(f, (clock.nowMicros() - ctx.loadStartMicros) / 1e6);
            ctx.progress().event(String.format("%.1fs healed [%s]", ctx.faultEnd.get(f), f.step()));
        } catch (RuntimeException e) {
            ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS,
                "fault [" + f.step() + "] could not be healed: " + e.getMessage() + "; run ./chaos cleanup"));
        }
    }

    /** Heals every step of the run still in force. */
    void healAll() {
        for (ActiveStep f : ctx.faults) {
            if (f.healedAt().isEmpty()) {
                heal(f);
            }
        }
    }
}
