package io.exchangechaos.core.verdict;

import io.exchangechaos.core.adapter.AdapterInfo;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Everything a run proved, as typed data: what the test API ({@code ChaosAssertions}) asserts on and what every report
 * is written from. Times are {@link Instant}s, offsets into the load and latencies {@link Duration}s, phases
 * {@link Phase}s and invariants {@link Invariant}s. report.json spells it in its own shape (the reports module's
 * {@code ReportJson}, mapped from this in one place).
 *
 * <p>Immutable; built with {@link #builder()}, varied with {@link #toBuilder()}. Whatever a builder is not given
 * is empty: no findings (a PASS), no orders, no budgets, no faults, not redacted, unsigned.
 */
public final class RunOutcome {
    private final String runId;
    private final ScenarioInfo scenario;
    private final String topology;
    private final String backend;
    private final String weakness;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final Verdict verdict;
    private final List<Finding> findings;
    private final List<BudgetResult> budgets;
    private final List<InvariantResult> invariants;
    private final Orders orders;
    private final Map<Phase, LatencySummary> latency;
    private final Recovery recovery;
    private final List<FaultWindow> faults;
    private final List<PhaseWindow> phases;
    private final List<SecondStats> perSecond;
    private final SteadyStates steadyState;
    private final LoadQuality load;
    private final List<Note> notes;
    private final List<Participant> participants;
    private final List<RoomDecision> decisions;
    private final Environment environment;
    private final Map<String, Integer> redactions;
    private final SignatureInfo signature;
    private final AdapterInfo adapter;

    private RunOutcome(Builder b) {
        runId = Objects.requireNonNull(b.runId, "runId");
        scenario = Objects.requireNonNull(b.scenario, "scenario");
        topology = b.topology;
        backend = b.backend;
        weakness = b.weakness;
        startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
        finishedAt = Objects.requireNonNull(b.finishedAt, "finishedAt");
        List<Finding> sorted = new ArrayList<>(b.findings);
        sorted.sort(Finding.WORST_FIRST);
        verdict = b.verdict != null ? b.verdict : Verdict.mergeFindings(sorted);
        if (sorted.isEmpty()) {
            sorted.add(Finding.passed());
        }
        findings = List.copyOf(sorted);
        budgets = List.copyOf(b.budgets);
        invariants = List.copyOf(b.invariants);
        orders = b.orders;
        EnumMap<Phase, LatencySummary> byPhase = new EnumMap<>(Phase.class);
        byPhase.putAll(b.latency);
        latency = Collections.unmodifiableMap(byPhase);
        recovery = b.recovery;
        faults = List.copyOf(b.faults);
        phases = List.copyOf(b.phases);
        perSecond = List.copyOf(b.perSecond);
        steadyState = b.steadyState;
        load = b.load;
        notes = List.copyOf(b.notes);
        participants = List.copyOf(b.participants);
        decisions = List.copyOf(b.decisions);
        environment = b.environment;
        redactions = b.redactions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.redactions));
        signature = b.signature;
        adapter = b.adapter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this outcome. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code scenario name-UTC stamp}, also the run directory's name. */
    public String runId() {
        return runId;
    }

    public ScenarioInfo scenario() {
        return scenario;
    }

    /** The topology as the run named it: {@code multi-region} or a file path. */
    public String topology() {
        return topology;
    }

    /** {@code local} or {@code docker}. */
    public String backend() {
        return backend;
    }

    /** The weakness switched on in the staged exchange, {@code none} for the hardened one. */
    public String weakness() {
        return weakness;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** The merge of the findings' verdicts, unless the builder was told otherwise. */
    public Verdict verdict() {
        return verdict;
    }

    /** Why the verdict is what it is, worst first; a PASS has the one finding {@link Finding#passed()}. */
    public List<Finding> findings() {
        return findings;
    }

    public List<BudgetResult> budgets() {
        return budgets;
    }

    /** Every invariant the scenario asked for, in the checkers' order; empty when the run never got to check them. */
    public List<InvariantResult> invariants() {
        return invariants;
    }

    /** The result for {@code invariant}, if the run checked it. */
    public Optional<InvariantResult> invariant(Invariant invariant) {
        return invariants.stream().filter(i -> i.invariant().equals(invariant)).findFirst();
    }

    public Orders orders() {
        return orders;
    }

    /** Latency of every operation by phase, in phase order; a phase of zero length is absent. */
    public Map<Phase, LatencySummary> latency() {
        return latency;
    }

    public Optional<LatencySummary> latency(Phase phase) {
        return Optional.ofNullable(latency.get(phase));
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Every step of the timeline that was injected or failed to be, by when it was in effect. */
    public List<FaultWindow> faults() {
        return faults;
    }

    public List<PhaseWindow> phases() {
        return phases;
    }

    /** One entry per second of the load, by when each operation was meant to start. */
    public List<SecondStats> perSecond() {
        return perSecond;
    }

    public SteadyStates steadyState() {
        return steadyState;
    }

    /** How well the load generator kept to its schedule. */
    public LoadQuality load() {
        return load;
    }

    /** A game day's operator notes. */
    public List<Note> notes() {
        return notes;
    }

    /** Who signed in to a game day's web console, in the order they joined. */
    public List<Participant> participants() {
        return participants;
    }

    /** The room's decisions during a game day (invoke DR, stay…), each with its time from the fault before it. */
    public List<RoomDecision> decisions() {
        return decisions;
    }

    public Environment environment() {
        return environment;
    }

    /**
     * How many distinct secret values of each kind were redacted from what the run wrote before its reports
     * ({@code auth-token: 1}), never the values; empty in the map when none, an empty optional when not redacted.
     */
    public Optional<Map<String, Integer>> redactions() {
        return Optional.ofNullable(redactions);
    }

    /** The key that signs the run's manifest; empty for an unsigned run. */
    /** The adapter the exchange was driven through, with its version and jar; empty for a report of schema 1.2 or older. */
    public Optional<AdapterInfo> adapter() {
        return Optional.ofNullable(adapter);
    }

    public Optional<SignatureInfo> signature() {
        return Optional.ofNullable(signature);
    }

    /** This outcome with the tally of what was redacted from it. */
    public RunOutcome withRedactions(Map<String, Integer> counts) {
        return toBuilder().redactions(counts).build();
    }

    /** This outcome, saying that {@code signer}'s key signs the run's manifest. */
    public RunOutcome signedBy(SignatureInfo signer) {
        return toBuilder().signature(signer).build();
    }

    /**
     * This outcome INCONCLUSIVE (unless it was worse already) because of {@code reason}, a finding of the run's own:
     * what the run could not do after its verdict was reached (its reports not written) still keeps it from passing.
     */
    public RunOutcome inconclusiveBecause(String reason) {
        List<Finding> more = new ArrayList<>(findings);
        more.removeIf(f -> f.verdict() == Verdict.PASS);
        more.add(new Finding(Verdict.INCONCLUSIVE, Finding.RUN, reason));
        Builder b = toBuilder().findings(more);
        if (b.verdict != null) {
            b.verdict(b.verdict.and(Verdict.INCONCLUSIVE));
        }
        return b.build();
    }

    /**
     * This outcome with {@code text} applied to every free text it holds (names, details, reasons, examples, notes,
     * the environment's jvm arguments); each environment variable's value becomes {@code variable} of its name and value
     * (so a secret-named one can be redacted whole).
     */
    public RunOutcome mapText(UnaryOperator<String> text, BinaryOperator<String> variable) {
        UnaryOperator<String> t = s -> s == null ? null : text.apply(s);
        Builder b = toBuilder()
            .runId(t.apply(runId))
            .scenario(new ScenarioInfo(t.apply(scenario.name()), scenario.file().map(f -> Path.of(t.apply(f.toString()))),
                scenario.sha256(), t.apply(scenario.incident()), t.apply(scenario.description())))
            .topology(t.apply(topology)).backend(t.apply(backend)).weakness(t.apply(weakness))
            .findings(findings.stream().map(f -> new Finding(f.verdict(), t.apply(f.check()), t.apply(f.reason()))).toList())
            .budgets(budgets.stream().map(r -> new BudgetResult(t.apply(r.name()), r.phase(), r.limit(), r.observed(),
                r.unit(), r.verdict(), t.apply(r.detail()))).toList())
            .invariants(invariants.stream().map(i -> new InvariantResult(i.invariant(), i.verdict(), i.violations(),
                i.examples().stream().map(t).toList(), t.apply(i.detail()), i.coverage(), t.apply(i.checkedBy()))).toList())
            .recovery(new Recovery(recovery.took(), t.apply(recovery.detail())))
            .faults(faults.stream().map(f -> new FaultWindow(t.apply(f.name()), t.apply(f.type()), t.apply(f.target()),
                f.injectedAt(), f.healedAt(), f.start(), f.end(), f.error().map(t), f.due())).toList())
            .steadyState(new SteadyStates(steadyState.before().map(s -> s.withDetail(t.apply(s.detail()))),
                steadyState.after().map(s -> s.withDetail(t.apply(s.detail())))))
            .load(load.withDetail(t.apply(load.detail())))
            .notes(notes.stream().map(n -> new Note(n.at(), t.apply(n.author()), t.apply(n.text()))).toList())
            .participants(participants.stream().map(p -> new Participant(t.apply(p.name()), t.apply(p.role()), p.joinedAt()))
                .toList())
            .decisions(decisions.stream().map(d -> new RoomDecision(d.at(), t.apply(d.author()), t.apply(d.choice()),
                d.fault().map(t), d.afterFault())).toList());
        Map<String, String> variables = new LinkedHashMap<>();
        environment.variables().forEach((k, v) -> variables.put(k, v == null ? null : variable.apply(k, v)));
        b.environment(new Environment(t.apply(environment.javaVersion()), t.apply(environment.os()), environment.cpus(),
            t.apply(environment.gitCommit()), t.apply(environment.harnessVersion()), t.apply(environment.hostname()),
            variables, environment.jvmArguments().stream().map(t).toList()));
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunOutcome r && fields().equals(r.fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    private List<Object> fields() {
        return Arrays.asList(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict,
            findings, budgets, invariants, orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes,
            participants, decisions, environment, redactions, signature, adapter);
    }

    /** The run and its verdict, with why: what a failed assertion shows. */
    @Override
    public String toString() {
        return "RunOutcome[" + runId + ": " + verdict + ", " + findings + "]";
    }

    /** @param file the scenario file the run read; empty for a Java-built or library scenario */
    public record ScenarioInfo(String name, Optional<Path> file, Optional<String> sha256, String incident,
                               String description) {
        public ScenarioInfo {
            Objects.requireNonNull(name, "name");
            file = file == null ? Optional.empty() : file;
            sha256 = sha256 == null ? Optional.empty() : sha256;
            incident = incident == null ? "" : incident;
            description = description == null ? "" : description;
        }

        public static ScenarioInfo named(String name) {
            return new ScenarioInfo(name, Optional.empty(), Optional.empty(), "", "");
        }
    }

    /**
     * One budget's judgement.
     *
     * @param name     the budget as written, e.g. {@code p99(place) during fault ≤ 1 s}
     * @param limit    in {@code unit}: ms, ratio, s or orders
     * @param observed in {@code unit}; empty when it could not be measured (then the verdict is INCONCLUSIVE, or FAIL
     *                 for a recovery never seen)
     * @param detail   the sentence a reader needs: observed against limit, and the fault window it fell in
     */
    public record BudgetResult(String name, Phase phase, double limit, Optional<Double> observed, String unit,
                               Verdict verdict, String detail) {
        public BudgetResult {
            observed = observed == null ? Optional.empty() : observed;
        }
    }

    /**
     * One invariant's result.
     *
     * @param coverage  whether it was checked at all; one that was not is never PASS
     * @param checkedBy how it was checked, e.g. {@code per-order look-up of 12345 acknowledged orders}; null when it was
     *                  not checked, or a checker did not say
     */
    public record InvariantResult(Invariant invariant, Verdict verdict, long violations, List<String> examples,
                                  String detail, Coverage coverage, String checkedBy) {
        public InvariantResult {
            examples = List.copyOf(examples);
            coverage = coverage == null ? Coverage.CHECKED : coverage;
            if (coverage != Coverage.CHECKED && verdict == Verdict.PASS) {
                throw new IllegalArgumentException("invariant [" + invariant + "] was not checked, so it cannot PASS");
            }
        }

        /** A checked invariant, not saying how. */
        public InvariantResult(Invariant invariant, Verdict verdict, long violations, List<String> examples, String detail) {
            this(invariant, verdict, violations, examples, detail, Coverage.CHECKED, null);
        }

        /**
         * An invariant the run should have observed and could not (no replica answered, the look-ups did not finish):
         * INCONCLUSIVE, and the run with it.
         */
        public static InvariantResult notChecked(Invariant invariant, String why) {
            return new InvariantResult(invariant, Verdict.INCONCLUSIVE, 0, List.of(), why, Coverage.NOT_CHECKED, null);
        }

        /**
         * An invariant this exchange's adapter or topology cannot show at all (the adapter lacks a capability, there is
         * one state source to compare): listed as not checked, INCONCLUSIVE for a reader that knows only verdicts, but
         * the run's verdict does not count it.
         */
        public static InvariantResult notApplicable(Invariant invariant, String why) {
            return new InvariantResult(invariant, Verdict.INCONCLUSIVE, 0, List.of(), why, Coverage.NOT_APPLICABLE, null);
        }

        /** This result, saying how it was checked. */
        public InvariantResult checkedBy(String how) {
            return new InvariantResult(invariant, verdict, violations, examples, detail, coverage, how);
        }

        public boolean checked() {
            return coverage == Coverage.CHECKED;
        }

        /** Whether it makes the run's verdict: every result but one not applicable to this exchange. */
        public boolean counts() {
            return coverage != Coverage.NOT_APPLICABLE;
        }

        /** The invariant's id, as report.json names it. */
        public String name() {
            return invariant.id();
        }
    }

    /** Whether an invariant was checked: report.json spells it {@code checked}, {@code not-checked}, {@code not-applicable}. */
    public enum Coverage {
        CHECKED, NOT_CHECKED, NOT_APPLICABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Orders placed during the load (cancels and queries aside).
     *
     * @param resolved indeterminate operations whose outcome reconciliation established
     * @param lost     acknowledged orders absent from the exchange
     */
    public record Orders(long sent, long acked, long rejected, long failed, long indeterminate, long resolved,
                         long lost, long duplicated) {
        public static final Orders NONE = new Orders(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public record LatencySummary(long count, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {
        public static final LatencySummary NONE = new LatencySummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param took from the fault to the first window meeting the recovery budget's SLO, the slowest over the faults;
     *             empty when it never recovered, or there was no recovery budget to say what recovered means
     */
    public record Recovery(Optional<Duration> took, String detail) {
        /** The detail of a recovery not measured: the scenario sets no recovery budget. */
        public static final String NO_BUDGET = "no recovery budget";
        public static final Recovery NOT_MEASURED = new Recovery(Optional.empty(), NO_BUDGET);

        public Recovery {
            took = took == null ? Optional.empty() : took;
        }
    }

    /**
     * One step of the timeline. Offsets are from the start of the load.
     *
     * @param start when it was in effect
     * @param end   when it was healed; empty when it never was (or never went in)
     * @param error why it could not be injected; empty when it was
     * @param due   the offset the timeline gave it, so {@code start - due} is how late it landed
     */
    public record FaultWindow(String name, String type, String target, Instant injectedAt, Optional<Instant> healedAt,
                              Duration start, Optional<Duration> end, Optional<String> error, Optional<Duration> due) {
        public FaultWindow {
            healedAt = healedAt == null ? Optional.empty() : healedAt;
            end = end == null ? Optional.empty() : end;
            error = error == null ? Optional.empty() : error;
            due = due == null ? Optional.empty() : due;
        }

        /** It went in. */
        public boolean injected() {
            return error.isEmpty();
        }
    }

    /** Where a phase lay, as offsets from the start of the load. */
    public record PhaseWindow(Phase phase, Duration start, Duration end) {
    }

    /** @param t seconds since the load started */
    public record SecondStats(long t, long sent, long ok, long failed, Duration p50, Duration p99) {
    }

    /** @param after empty when the run stopped before it could be checked */
    public record SteadyStates(Optional<SteadyStateResult> before, Optional<SteadyStateResult> after) {
        public static final SteadyStates NONE = new SteadyStates(Optional.empty(), Optional.empty());

        public SteadyStates {
            before = before == null ? Optional.empty() : before;
            after = after == null ? Optional.empty() : after;
        }
    }

    /** @param took how long it took to hold, or to give up */
    public record SteadyStateResult(boolean held, Duration took, String detail) {
        SteadyStateResult withDetail(String detail) {
            return new SteadyStateResult(held, took, detail);
        }
    }

    /**
     * How well the load generator kept to its own schedule: a harness that fell behind cannot vouch for the
     * latencies it saw.
     *
     * @param canarySamples requests the load generator sent, alongside the orders, to a stand-in on loopback that
     *                      answers at once; empty when the run had none
     * @param canaryP99     their p99 latency: the harness's own share of every latency it measured
     */
    public record LoadQuality(long planned, long started, Duration lagP99, Duration lagMax, boolean trustworthy,
                              String detail, OptionalLong canarySamples, Optional<Duration> canaryP99) {
        /** No load was started. */
        public static final LoadQuality NONE = new LoadQuality(0, 0, Duration.ZERO, Duration.ZERO, true,
            "no load was started", OptionalLong.empty(), Optional.empty());

        public LoadQuality {
            canarySamples = canarySamples == null ? OptionalLong.empty() : canarySamples;
            canaryP99 = canaryP99 == null ? Optional.empty() : canaryP99;
        }

        LoadQuality withDetail(String detail) {
            return new LoadQuality(planned, started, lagP99, lagMax, trustworthy, detail, canarySamples, canaryP99);
        }
    }

    public record Note(Instant at, String author, String text) {
    }

    /** Someone who signed in to a game day's web console: a name and the role they play in the room. */
    public record Participant(String name, String role, Instant joinedAt) {
        public Participant {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(joinedAt, "joinedAt");
        }
    }

    /**
     * A decision the room took during a game day, such as "invoke DR" or "stay": how long after the fault before it
     * the room decided is part of recovery.
     *
     * @param fault      the name of the last fault injected before the decision; empty when none was
     * @param afterFault the time from that fault's injection to the decision; empty when no fault was injected
     */
    public record RoomDecision(Instant at, String author, String choice, Optional<String> fault,
                               Optional<Duration> afterFault) {
        public RoomDecision {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(choice, "choice");
            fault = fault == null ? Optional.empty() : fault;
            afterFault = afterFault == null ? Optional.empty() : afterFault;
        }
    }

    /**
     * Who signs the run: the manifest's detached signature ({@code manifest.sig}) is checked against a public key
     * whose id this is.
     *
     * @param keyId     the first 16 hex digits of the SHA-256 of the public key's X.509 (DER) encoding
     * @param algorithm {@code Ed25519}
     */
    public record SignatureInfo(String keyId, String algorithm) {
    }

    /**
     * @param variables    the environment variables that configure the run ({@code CHAOS_*}), secrets redacted
     * @param jvmArguments the harness JVM's arguments, secrets redacted
     */
    public record Environment(String javaVersion, String os, int cpus, String gitCommit, String harnessVersion,
                              String hostname, Map<String, String> variables, List<String> jvmArguments) {
        public static final Environment UNKNOWN = new Environment("unknown", "unknown", 0, "unknown", "unknown",
            "unknown", Map.of(), List.of());

        public Environment {
            variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
            jvmArguments = jvmArguments == null ? List.of() : List.copyOf(jvmArguments);
        }
    }

    /** Collects an outcome's fields; every one has an empty default except the run id, scenario and times. */
    public static final class Builder {
        private String runId;
        private ScenarioInfo scenario;
        private String topology = "";
        private String backend = "";
        private String weakness = "none";
        private Instant startedAt;
        private Instant finishedAt;
        private Verdict verdict;
        private List<Finding> findings = List.of();
        private List<BudgetResult> budgets = List.of();
        private List<InvariantResult> invariants = List.of();
        private Orders orders = Orders.NONE;
        private Map<Phase, LatencySummary> latency = Map.of();
        private Recovery recovery = Recovery.NOT_MEASURED;
        private List<FaultWindow> faults = List.of();
        private List<PhaseWindow> phases = List.of();
        private List<SecondStats> perSecond = List.of();
        private SteadyStates steadyState = SteadyStates.NONE;
        private LoadQuality load = LoadQuality.NONE;
        private List<Note> notes = List.of();
        private List<Participant> participants = List.of();
        private List<RoomDecision> decisions = List.of();
        private Environment environment = Environment.UNKNOWN;
        private Map<String, Integer> redactions;
        private SignatureInfo signature;
        private AdapterInfo adapter;

        private Builder() {
        }

        private Builder(RunOutcome o) {
            runId = o.runId;
            scenario = o.scenario;
            topology = o.topology;
            backend = o.backend;
            weakness = o.weakness;
            startedAt = o.startedAt;
            finishedAt = o.finishedAt;
            findings = o.findings.size() == 1 && o.findings.get(0).equals(Finding.passed()) ? List.of() : o.findings;
            // a verdict set outright (an outcome read back from a report) survives; one merged from findings is merged again
            verdict = o.verdict == Verdict.mergeFindings(findings) ? null : o.verdict;
            budgets = o.budgets;
            invariants = o.invariants;
            orders = o.orders;
            latency = o.latency;
            recovery = o.recovery;
            faults = o.faults;
            phases = o.phases;
            perSecond = o.perSecond;
            steadyState = o.steadyState;
            load = o.load;
            notes = o.notes;
            participants = o.participants;
            decisions = o.decisions;
            environment = o.environment;
            redactions = o.redactions;
            signature = o.signature;
            adapter = o.adapter;
        }

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder scenario(ScenarioInfo scenario) {
            this.scenario = scenario;
            return this;
        }

        public Builder topology(String topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        public Builder backend(String backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        public Builder weakness(String weakness) {
            this.weakness = Objects.requireNonNull(weakness, "weakness");
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /**
         * Sets the verdict outright, for an outcome read back from a report; by default it is the merge of the
         * findings.
         */
        public Builder verdict(Verdict verdict) {
            this.verdict = verdict;
            return this;
        }

        /** Why the verdict is what it is, in any order: the outcome lists them worst first. */
        public Builder findings(List<Finding> findings) {
            this.findings = List.copyOf(findings);
            return this;
        }

        public Builder budgets(List<BudgetResult> budgets) {
            this.budgets = List.copyOf(budgets);
            return this;
        }

        public Builder invariants(List<InvariantResult> invariants) {
            this.invariants = List.copyOf(invariants);
            return this;
        }

        public Builder orders(Orders orders) {
            this.orders = Objects.requireNonNull(orders, "orders");
            return this;
        }

        public Builder latency(Map<Phase, LatencySummary> latency) {
            this.latency = Map.copyOf(latency);
            return this;
        }

        public Builder recovery(Recovery recovery) {
            this.recovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        public Builder faults(List<FaultWindow> faults) {
            this.faults = List.copyOf(faults);
            return this;
        }

        public Builder phases(List<PhaseWindow> phases) {
            this.phases = List.copyOf(phases);
            return this;
        }

        public Builder perSecond(List<SecondStats> perSecond) {
            this.perSecond = List.copyOf(perSecond);
            return this;
        }

        public Builder steadyState(SteadyStates steadyState) {
            this.steadyState = Objects.requireNonNull(steadyState, "steadyState");
            return this;
        }

        public Builder load(LoadQuality load) {
            this.load = Objects.requireNonNull(load, "load");
            return this;
        }

        public Builder notes(List<Note> notes) {
            this.notes = List.copyOf(notes);
            return this;
        }

        public Builder participants(List<Participant> participants) {
            this.participants = List.copyOf(participants);
            return this;
        }

        public Builder decisions(List<RoomDecision> decisions) {
            this.decisions = List.copyOf(decisions);
            return this;
        }

        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** The tally of what was redacted from the outcome; null (the default) when it was not redacted. */
        public Builder redactions(Map<String, Integer> redactions) {
            this.redactions = redactions;
            return this;
        }

        /** The key that signs the run's manifest; null (the default) for an unsigned run. */
        public Builder signature(SignatureInfo signature) {
            this.signature = signature;
            return this;
        }

        public Builder adapter(AdapterInfo adapter) {
            this.adapter = adapter;
            return this;
        }

        /** @throws NullPointerException without a run id, scenario, start or finish */
        public RunOutcome build() {
            return new RunOutcome(this);
        }
    }
}
