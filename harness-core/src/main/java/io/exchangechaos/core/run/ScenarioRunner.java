package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.backend.Backends;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.scenario.Rate;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.topology.AdapterChoice;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyDefinitionException;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.core.yaml.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario end to end, stage by stage: the {@link Workspace}, the {@link Launch} (leftovers healed, the stack
 * started), the {@link WarmUp} and the {@link SteadyStateCheck} before the load, the {@link Timeline} (the load, the
 * faults injected and healed on its clock), the steady state again, the {@link Reconciliation} of every order, the
 * {@link Judgement} and the {@link Reporting}. Faults are healed in {@code finally}; an abort ({@link RunAbort}: SIGINT,
 * an operator, an abort condition) still heals everything and writes a report.
 */
public final class ScenarioRunner {
    private final RunOptions options;
    private final RunAbort abort;
    private final CountDownLatch finished = new CountDownLatch(1);

    public ScenarioRunner(RunOptions options) {
        this.options = options;
        this.abort = new RunAbort(options.progress());
    }

    /** The result of a run: its outcome and where its files are. */
    public record Result(RunOutcome outcome, Path runDir) {
    }

    /** Asks a running scenario to stop: faults are healed, a report is written, the verdict is ABORTED. */
    public void abort(String reason) {
        abort.abort(reason);
    }

    /** Waits for a run to finish after {@link #abort}: what a SIGINT hook calls. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Result run(Scenario written, Path scenarioFile) throws IOException {
        try {
            return doRun(written, scenarioFile);
        } finally {
            finished.countDown();
        }
    }

    private Result doRun(Scenario written, Path scenarioFile) throws IOException {
        Scenario scenario = applyOverrides(written);
        Path scenarioDir = scenarioFile == null ? null : scenarioFile.toAbsolutePath().getParent();
        Topology topology = Topologies.load(Topologies.resolve(options.topology().orElse(scenario.target().topology()),
            scenarioDir), options.weakness().orElse(scenario.target().weakness()));
        // the topology's plugins join the caller's for the whole run: every registry, on every thread the run starts
        try (Plugins.Installed installed = Plugins.current().and(topology.plugins()).install()) {
            ExchangeAdapter adapter = adapter(topology.adapter());
            refuseUnobservable(written, adapter);
            RunContext ctx = new RunContext(options, abort, Backends.named(options.backend()), scenario, scenarioFile,
                Instant.now(), adapter);
            ctx.adapterConfig = topology.adapter().config();
            return doRun(ctx);
        }
    }

    /**
     * The adapter {@code choice} names, configured: the staged exchange's as any other.
     *
     * @throws TopologyDefinitionException located in the topology file, before anything starts
     */
    static ExchangeAdapter adapter(AdapterChoice choice) {
        ExchangeAdapter adapter = Adapters.find(choice.name()).orElseThrow(() ->
            new TopologyDefinitionException(List.of(choice.problem(Adapters.unknown(choice.name())))));
        try {
            adapter.configure(choice.config());
        } catch (IllegalArgumentException e) {
            throw new TopologyDefinitionException(List.of(choice.configProblem(String.valueOf(e.getMessage()))));
        }
        return adapter;
    }

    private Result doRun(RunContext ctx) throws IOException {
        Workspace.open(ctx);
        try (Launch launch = Launch.healLeftovers(ctx); WarmUp warmUp = WarmUp.start(ctx)) {
            try {
                return stages(ctx, launch, warmUp);
            } catch (StackStartException e) {
                // the stack did not start, or the load generator did not: what did start is stopped in finally
                ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.STACK, String.valueOf(e.getMessage())));
                return new Result(Reporting.write(ctx, Judgement.judge(ctx, List.of(), null), null), ctx.runDir);
            } finally {
                new StepOutcomes(ctx, LoadClock.SYSTEM).healAll();
                if (ctx.stack != null) {
                    ctx.stack.close();
                }
            }
        }
    }

    private Result stages(RunContext ctx, Launch launch, WarmUp warmUp) throws IOException {
        launch.startStack();
        SteadyStateCheck steadyState = new SteadyStateCheck(ctx);
        boolean held = steadyState.before(warmUp.stackWarmUp());
        warmUp.awaitLoadGenerator();
        if (!held) {
            return finish(ctx, List.of(), null);
        }
        warmUp.awaitStack();
        launch.reportSwept();
        if (ctx.adapter.capabilities().contains(Capability.BALANCES) && !ctx.stack.replicas().isEmpty()) {
            ctx.totalsBefore = ctx.adapter.readState(ctx.stack.replicas().get(0), Duration.ofSeconds(10)).totals();
        }

        List<Operation> ops = Timeline.drive(ctx);
        if (abort.operatorAborted()) {
            return finish(ctx, ops, null);
        }
        steadyState.after();
        Reconciliation reconciled = Reconciliation.of(ctx, ops);
        ctx.progress().stage("checking budgets and invariants");
        return finish(ctx, ops, reconciled);
    }

    private static Result finish(RunContext ctx, List<Operation> ops, Reconciliation reconciled) {
        return new Result(Reporting.write(ctx, Judgement.judge(ctx, ops, reconciled), ctx.stack), ctx.runDir);
    }

    /**
     * A named invariant the adapter cannot observe stops the run before anything starts: the check a scenario file
     * gets when it is read, again for one built in code or read before its adapter was known.
     */
    private static void refuseUnobservable(Scenario s, ExchangeAdapter adapter) {
        if (s.defaultInvariants()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < s.invariants().size(); i++) {
            Invariant invariant = s.invariants().get(i);
            String path = "invariants[" + i + "]";
            Checkers.refusal(invariant, adapter.name(), adapter.capabilities()).ifPresent(why ->
                problems.add(new Problem("", 0, 0, path, invariant.id(), why)));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioDefinitionException(problems);
        }
    }

    private Scenario applyOverrides(Scenario s) {
        if (options.rate().isEmpty() && options.duration().isEmpty()) {
            return s;
        }
        Load l = s.load();
        Load changed = new Load(options.rate().isPresent() ? Rate.perSecond(options.rate().getAsDouble()) : l.rate(),
            l.rampUp(), options.duration().orElse(l.duration()), l.mix(), l.symbols(), l.accounts(), l.requestTimeout(), l.surges());
        return s.toBuilder().load(changed).build();
    }
}
