package io.exchangechaos.core.run;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.fault.ActiveStep;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.load.LoadRun;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the stages of one run share: what it runs (fixed at its start), what it set up (the run directory, the stack),
 * and what it saw, for {@link Judgement}. Confined to the run's thread, but for {@link #faults}, which only grows.
 */
final class RunContext {
    final RunOptions options;
    final RunAbort abort;
    final Backend backend;
    final Scenario scenario;
    /** Where the scenario was read from, or null for one built in code. */
    final Path scenarioFile;
    final Instant startedAt;
    final String runId;
    final TopologyRef topology;
    final Weakness weakness;
    final long seed;
    final ExchangeAdapter adapter;

    /** The topology's {@code adapterConfig}: its secret-looking values are kept out of what the run writes. */
    Map<String, Object> adapterConfig = Map.of();
    Path runDir;
    Secrets secrets = Secrets.none();
    FaultRecorder recorder;
    /** Null until it started. */
    Stack stack;

    /** Every step that went in, healed or not: what the run heals in {@code finally}. */
    final List<ActiveStep> faults = new CopyOnWriteArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final List<RunOutcome.FaultWindow> failedFaults = new ArrayList<>();
    /** Seconds since the load started. */
    final Map<ActiveStep, Double> faultStart = new LinkedHashMap<>();
    final Map<ActiveStep, Duration> faultDue = new LinkedHashMap<>();
    final Map<ActiveStep, Double> faultEnd = new LinkedHashMap<>();
    final List<Double> injectionLagMillis = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    RunOutcome.SteadyStateResult steadyBefore;
    RunOutcome.SteadyStateResult steadyAfter;
    Map<String, Long> totalsBefore = Map.of();
    long loadStartMicros;
    long plannedArrivals;
    long startedArrivals;
    /** What the load generator measured of itself, or null. */
    LoadRun.Canary canary;
    boolean stoppedEarly;
    /** Why history.jsonl is incomplete, or null. */
    String historyFailure;

    RunContext(RunOptions options, RunAbort abort, Backend backend, Scenario scenario, Path scenarioFile,
               Instant startedAt, ExchangeAdapter adapter) {
        this.options = options;
        this.abort = abort;
        this.backend = backend;
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.startedAt = startedAt;
        this.runId = scenario.name() + "-" + Workspace.stamp(startedAt);
        this.topology = options.topology().orElse(scenario.target().topology());
        this.weakness = options.weakness().orElse(scenario.target().weakness());
        this.seed = options.seed().orElse(1L);
        this.adapter = adapter;
    }

    ProgressListener progress() {
        return options.progress();
    }

    /** The scenario file's directory, against which the scenario's own relative paths resolve; null without a file. */
    Path scenarioDir() {
        return scenarioFile == null ? null : scenarioFile.toAbsolutePath().getParent();
    }
}
