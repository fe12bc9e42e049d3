package io.exchangechaos.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.adapter.AdapterInfo;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code report.json}: a run's outcome in the shape its readers rely on (CONTRACTS.md, {@code report.schema.json}) —
 * the fields in this order after a leading {@code schemaVersion}, times as ISO-8601 text, offsets in seconds and
 * latencies in milliseconds as numbers, absent values as {@code null} (never left out). The reports are written from
 * it, and every reader of a past run's report.json (the runs index, {@code report verify}) reads it.
 *
 * <p>The one mapping between it and the domain {@link RunOutcome}: {@link #of(RunOutcome)} and {@link #toOutcome()}.
 *
 * @param reasons    why the verdict is what it is, one line each, worst first: the outcome's findings
 * @param redactions how many distinct secret values of each kind were redacted from what the run wrote before its
 *                   reports ({@code auth-token: 1}), never the values; empty when none, null when not redacted
 * @param signature  the key that signs the run's manifest; null for an unsigned run
 * @param adapter    the exchange adapter the run drove the exchange through; null in a report of schema 1.2 or older
 */
public record ReportJson(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                         String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                         List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                         Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                         List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                         LoadQuality load, List<Note> notes, List<Participant> participants,
                         List<RoomDecision> decisions, Environment environment, Map<String, Integer> redactions,
                         SignatureInfo signature, Adapter adapter) {

    public ReportJson {
        redactions = redactions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(redactions));
        // a report of schema 1.1 or earlier has neither: read as none
        participants = participants == null ? List.of() : participants;
        decisions = decisions == null ? List.of() : decisions;
    }

    /** A report that does not say which adapter ran. */
    public ReportJson(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                      String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                      List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                      Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                      List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                      LoadQuality load, List<Note> notes, List<Participant> participants,
                      List<RoomDecision> decisions, Environment environment, Map<String, Integer> redactions,
                      SignatureInfo signature) {
        this(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons, budgets, invariants,
            orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes, participants, decisions,
            environment, redactions, signature, null);
    }

    /** A report without a game day's participants and decisions. */
    public ReportJson(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                      String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                      List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                      Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                      List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                      LoadQuality load, List<Note> notes, Environment environment, Map<String, Integer> redactions,
                      SignatureInfo signature) {
        this(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons, budgets, invariants,
            orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes, List.of(), List.of(),
            environment, redactions, signature);
    }

    /** An unsigned report not (yet) redacted. */
    public ReportJson(String runId, ScenarioInfo scenario, String topology, String backend, String weakness,
                      String startedAt, String finishedAt, Verdict verdict, List<String> reasons,
                      List<BudgetResult> budgets, List<InvariantResult> invariants, Orders orders,
                      Map<String, LatencySummary> latency, Recovery recovery, List<FaultWindow> faults,
                      List<PhaseWindow> phases, List<SecondStats> perSecond, SteadyStates steadyState,
                      LoadQuality load, List<Note> notes, Environment environment) {
        this(runId, scenario, topology, backend, weakness, startedAt, finishedAt, verdict, reasons, budgets, invariants,
            orders, latency, recovery, faults, phases, perSecond, steadyState, load, notes, List.of(), List.of(),
            environment, null, null);
    }

    /**
     * Version of {@code report.schema.json}. The minor part grows when fields are added (readers keep working), the
     * major part when a field changes meaning or disappears.
     */
    public static final String SCHEMA_VERSION = "1.3";

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Two-space indent and '\n' on every platform, so the same outcome always gives the same bytes. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final List<String> LISTS =
        List.of("reasons", "budgets", "invariants", "faults", "phases", "perSecond", "notes", "participants", "decisions");

    public record ScenarioInfo(String name, String file, String sha256, String incident, String description) {
    }

    /**
     * @param observed null when it could not be measured (then the verdict is INCONCLUSIVE)
     * @param detail   the sentence a reader needs: observed against limit, and the fault window it fell in
     */
    public record BudgetResult(String name, String phase, Double limit, Double observed, String unit, Verdict verdict,
                               String detail) {
    }

    /**
     * @param coverage  {@code checked}, {@code not-checked} (the run could not observe it: the verdict is INCONCLUSIVE
     *                  and so is the run's) or {@code not-applicable} (this exchange's adapter or topology cannot show
     *                  it: INCONCLUSIVE here, not counted in the run's verdict); schema 1.3, null (read as checked)
     *                  before
     * @param checkedBy how it was checked, e.g. {@code per-order look-up of 812 of 812 acknowledged orders by client
     *                  order id}; null when it was not checked (schema 1.3)
     */
    public record InvariantResult(String name, Verdict verdict, long violations, List<String> examples, String detail,
                                  String coverage, String checkedBy) {
        public InvariantResult(String name, Verdict verdict, long violations, List<String> examples, String detail) {
            this(name, verdict, violations, examples, detail, RunOutcome.Coverage.CHECKED.id(), null);
        }

        /** Whether the invariant was checked at all: a report before schema 1.3 says nothing, and checked them all. */
        public boolean checked() {
            return coverage == null || coverage.equals(RunOutcome.Coverage.CHECKED.id());
        }
    }

    /**
     * @param resolved indeterminate operations whose outcome reconciliation established
     * @param lost     acknowledged orders absent from the exchange
     */
    public record Orders(long sent, long acked, long rejected, long failed, long indeterminate, long resolved,
                         long lost, long duplicated) {
    }

    public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {
    }

    /** @param seconds from the fault to the first window meeting the SLO; null when it never recovered */
    public record Recovery(Double seconds, String detail) {
    }

    /**
     * One fault of the run. {@code startSecond} is when it was in effect, {@code dueSecond} the offset the timeline
     * gave it (so their difference is how late it landed); both in seconds from the start of the load.
     */
    public record FaultWindow(String name, String type, String target, String injectedAt, String healedAt,
                              double startSecond, Double endSecond, String error, Double dueSecond) {
    }

    public record PhaseWindow(String phase, double startSecond, double endSecond) {
    }

    /** @param t seconds since the load started */
    public record SecondStats(long t, long sent, long ok, long failed, double p50, double p99) {
    }

    public record SteadyStates(SteadyStateResult before, SteadyStateResult after) {
    }

    public record SteadyStateResult(boolean held, double seconds, String detail) {
    }

    /**
     * @param canarySamples   requests the load generator sent, alongside the orders, to a stand-in on loopback that
     *                        answers at once; null (and left out) when the run had none
     * @param canaryP99Millis their p99 latency; null (and left out) without
     */
    public record LoadQuality(long planned, long started, double lagP99Millis, double lagMaxMillis, boolean trustworthy,
                              String detail,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long canarySamples,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Double canaryP99Millis) {
    }

    public record Note(String at, String author, String text) {
    }

    /** Someone who signed in to a game day's web console (schema 1.2). */
    public record Participant(String name, String role, String joinedAt) {
    }

    /**
     * A decision the room took during a game day (schema 1.2).
     *
     * @param fault             the last fault injected before it; null when none was
     * @param secondsAfterFault seconds from that fault's injection to the decision; null when no fault was injected
     */
    public record RoomDecision(String at, String author, String choice, String fault, Double secondsAfterFault) {
    }

    /**
     * @param keyId     the first 16 hex digits of the SHA-256 of the public key's X.509 (DER) encoding
     * @param algorithm {@code Ed25519}
     */
    public record SignatureInfo(String keyId, String algorithm) {
    }

    /**
     * @param version the {@code Implementation-Version} of its jar, else {@code unknown}
     * @param jar     the plugin jar it came from, or {@code built in}
     */
    public record Adapter(String name, String version, String jar) {
    }

    public record Environment(String javaVersion, String os, int cpus, String gitCommit, String harnessVersion,
                              String hostname, Map<String, String> variables, List<String> jvmArguments) {
        public Environment {
            variables = variables == null ? Map.of() : variables;
            jvmArguments = jvmArguments == null ? List.of() : jvmArguments;
        }
    }

    // --- the mapping ---

    /** The outcome in report.json's shape. */
    public static ReportJson of(RunOutcome o) {
        RunOutcome.ScenarioInfo s = o.scenario();
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        o.latency().forEach((phase, l) -> latency.put(phase.id(), new LatencySummary(l.count(), millis(l.p50()),
            millis(l.p90()), millis(l.p99()), millis(l.p999()), millis(l.max()))));
        RunOutcome.LoadQuality q = o.load();
        RunOutcome.Environment e = o.environment();
        return new ReportJson(o.runId(),
            new ScenarioInfo(s.name(), s.file().map(Path::toString).orElse(null), s.sha256().orElse(null), s.incident(),
                s.description()),
            o.topology(), o.backend(), o.weakness(), o.startedAt().toString(), o.finishedAt().toString(), o.verdict(),
            o.findings().stream().map(Finding::toString).toList(),
            o.budgets().stream().map(b -> new BudgetResult(b.name(), b.phase().id(), b.limit(), b.observed().orElse(null),
                b.unit(), b.verdict(), b.detail())).toList(),
            o.invariants().stream().map(i -> new InvariantResult(i.name(), i.verdict(), i.violations(), i.examples(),
                i.detail(), i.coverage().id(), i.checkedBy())).toList(),
            new Orders(o.orders().sent(), o.orders().acked(), o.orders().rejected(), o.orders().failed(),
                o.orders().indeterminate(), o.orders().resolved(), o.orders().lost(), o.orders().duplicated()),
            latency,
            new Recovery(o.recovery().took().map(ReportJson::seconds).orElse(null), o.recovery().detail()),
            o.faults().stream().map(f -> new FaultWindow(f.name(), f.type(), f.target(), f.injectedAt().toString(),
                f.healedAt().map(Instant::toString).orElse(null), seconds(f.start()), f.end().map(ReportJson::seconds).orElse(null),
                f.error().orElse(null), f.due().map(ReportJson::seconds).orElse(null))).toList(),
            // phases have always been given to the millisecond
            o.phases().stream().map(p -> new PhaseWindow(p.phase().id(), p.start().toMillis() / 1000.0,
                p.end().toMillis() / 1000.0)).toList(),
            o.perSecond().stream().map(t -> new SecondStats(t.t(), t.sent(), t.ok(), t.failed(), millis(t.p50()),
                millis(t.p99()))).toList(),
            new SteadyStates(o.steadyState().before().map(ReportJson::steady).orElse(null),
                o.steadyState().after().map(ReportJson::steady).orElse(null)),
            new LoadQuality(q.planned(), q.started(), millis(q.lagP99()), millis(q.lagMax()), q.trustworthy(), q.detail(),
                q.canarySamples().isPresent() ? q.canarySamples().getAsLong() : null,
                q.canaryP99().map(ReportJson::millis).orElse(null)),
            o.notes().stream().map(n -> new Note(n.at().toString(), n.author(), n.text())).toList(),
            o.participants().stream().map(p -> new Participant(p.name(), p.role(), p.joinedAt().toString())).toList(),
            o.decisions().stream().map(d -> new RoomDecision(d.at().toString(), d.author(), d.choice(), d.fault().orElse(null),
                d.afterFault().map(ReportJson::seconds).orElse(null))).toList(),
            new Environment(e.javaVersion(), e.os(), e.cpus(), e.gitCommit(), e.harnessVersion(), e.hostname(),
                e.variables(), e.jvmArguments()),
            o.redactions().orElse(null),
            o.signature().map(g -> new SignatureInfo(g.keyId(), g.algorithm())).orElse(null),
            o.adapter().map(a -> new Adapter(a.name(), a.version(), a.jar())).orElse(null));
    }

    /**
     * A report read back as the domain outcome, e.g. to assert on a past run or render its reports again. report.json
     * does not say which check each reason came from: a reason is matched to the budget or invariant it spells, and
     * is the run's own ({@link Finding#RUN}) otherwise.
     *
     * @throws IllegalArgumentException when a required field (run id, scenario, start, finish, verdict) is missing or a
     *                                  time is not ISO-8601
     */
    public RunOutcome toOutcome() {
        require(runId, "runId");
        require(scenario, "scenario");
        require(verdict, "verdict");
        List<RunOutcome.BudgetResult> budgetResults = list(budgets).stream().map(b -> new RunOutcome.BudgetResult(b.name(),
            phase(b.phase()), b.limit() == null ? Double.NaN : b.limit(), Optional.ofNullable(b.observed()), b.unit(),
            b.verdict(), b.detail())).toList();
        List<RunOutcome.InvariantResult> invariantResults = list(invariants).stream().map(i -> new RunOutcome.InvariantResult(
            Invariant.of(i.name()), i.verdict(), i.violations(), list(i.examples()), i.detail(), coverage(i.coverage()),
            i.checkedBy())).toList();
        Map<Phase, RunOutcome.LatencySummary> byPhase = new EnumMap<>(Phase.class);
        (latency == null ? Map.<String, LatencySummary>of() : latency).forEach((id, l) -> byPhase.put(phase(id),
            new RunOutcome.LatencySummary(l.count(), ofMillis(l.p50()), ofMillis(l.p90()), ofMillis(l.p99()),
                ofMillis(l.p999()), ofMillis(l.max()))));
        RunOutcome.Builder b = RunOutcome.builder()
            .runId(runId)
            .scenario(new RunOutcome.ScenarioInfo(scenario.name(), Optional.ofNullable(scenario.file()).map(Path::of),
                Optional.ofNullable(scenario.sha256()), scenario.incident(), scenario.description()))
            .topology(orEmpty(topology)).backend(orEmpty(backend)).weakness(weakness == null ? "none" : weakness)
            .startedAt(instant(startedAt, "startedAt")).finishedAt(instant(finishedAt, "finishedAt"))
            .verdict(verdict)
            .findings(findings(budgetResults, invariantResults))
            .budgets(budgetResults).invariants(invariantResults)
            .latency(byPhase)
            .faults(list(faults).stream().map(f -> new RunOutcome.FaultWindow(f.name(), f.type(), f.target(),
                instant(f.injectedAt(), "faults[].injectedAt"), Optional.ofNullable(f.healedAt()).map(t -> instant(t, "healedAt")),
                ofSeconds(f.startSecond()), Optional.ofNullable(f.endSecond()).map(ReportJson::ofSeconds),
                Optional.ofNullable(f.error()), Optional.ofNullable(f.dueSecond()).map(ReportJson::ofSeconds))).toList())
            .phases(list(phases).stream().map(p -> new RunOutcome.PhaseWindow(phase(p.phase()), ofSeconds(p.startSecond()),
                ofSeconds(p.endSecond()))).toList())
            .perSecond(list(perSecond).stream().map(t -> new RunOutcome.SecondStats(t.t(), t.sent(), t.ok(), t.failed(),
                ofMillis(t.p50()), ofMillis(t.p99()))).toList())
            .notes(list(notes).stream().map(n -> new RunOutcome.Note(instant(n.at(), "notes[].at"), n.author(), n.text()))
                .toList())
            .participants(list(participants).stream().map(p -> new RunOutcome.Participant(orEmpty(p.name()), p.role(),
                instant(p.joinedAt(), "participants[].joinedAt"))).toList())
            .decisions(list(decisions).stream().map(d -> new RunOutcome.RoomDecision(instant(d.at(), "decisions[].at"),
                d.author(), orEmpty(d.choice()), Optional.ofNullable(d.fault()),
                Optional.ofNullable(d.secondsAfterFault()).map(ReportJson::ofSeconds))).toList());
        if (orders != null) {
            b.orders(new RunOutcome.Orders(orders.sent(), orders.acked(), orders.rejected(), orders.failed(),
                orders.indeterminate(), orders.resolved(), orders.lost(), orders.duplicated()));
        }
        if (recovery != null) {
            b.recovery(new RunOutcome.Recovery(Optional.ofNullable(recovery.seconds()).map(ReportJson::ofSeconds),
                recovery.detail()));
        }
        if (steadyState != null) {
            b.steadyState(new RunOutcome.SteadyStates(Optional.ofNullable(steadyState.before()).map(ReportJson::steady),
                Optional.ofNullable(steadyState.after()).map(ReportJson::steady)));
        }
        if (load != null) {
            b.load(new RunOutcome.LoadQuality(load.planned(), load.started(), ofMillis(load.lagP99Millis()),
                ofMillis(load.lagMaxMillis()), load.trustworthy(), load.detail(),
                load.canarySamples() == null ? OptionalLong.empty() : OptionalLong.of(load.canarySamples()),
                Optional.ofNullable(load.canaryP99Millis()).map(ReportJson::ofMillis)));
        }
        if (environment != null) {
            b.environment(new RunOutcome.Environment(environment.javaVersion(), environment.os(), environment.cpus(),
                environment.gitCommit(), environment.harnessVersion(), environment.hostname(), environment.variables(),
                environment.jvmArguments()));
        }
        b.redactions(redactions);
        if (signature != null) {
            b.signature(new RunOutcome.SignatureInfo(signature.keyId(), signature.algorithm()));
        }
        if (adapter != null) {
            b.adapter(new AdapterInfo(adapter.name(), adapter.version(), adapter.jar()));
        }
        return b.build();
    }

    /** Each reason as the finding it spells: {@code VERDICT: reason}, with the check it names where one does. */
    private List<Finding> findings(List<RunOutcome.BudgetResult> budgetResults, List<RunOutcome.InvariantResult> invariantResults) {
        List<Finding> out = new ArrayList<>();
        for (String reason : list(reasons)) {
            int colon = reason.indexOf(": ");
            Optional<Verdict> v = colon < 0 ? Optional.empty() : verdictNamed(reason.substring(0, colon));
            Verdict said = v.orElse(verdict);
            String text = v.isPresent() ? reason.substring(colon + 2) : reason;
            String check = budgetResults.stream().filter(r -> r.verdict() == said && r.detail().equals(text))
                .map(RunOutcome.BudgetResult::name).findFirst()
                .or(() -> invariantResults.stream().filter(r -> r.verdict() == said
                    && text.startsWith("invariant [" + r.name() + "] ")).map(RunOutcome.InvariantResult::name).findFirst())
                .orElse(Finding.RUN);
            Finding f = new Finding(said, check, text);
            if (!f.equals(Finding.passed())) {
                out.add(f);
            }
        }
        return out;
    }

    private static RunOutcome.Coverage coverage(String id) {
        for (RunOutcome.Coverage c : RunOutcome.Coverage.values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return RunOutcome.Coverage.CHECKED;
    }

    private static Optional<Verdict> verdictNamed(String name) {
        for (Verdict v : Verdict.values()) {
            if (v.name().equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static SteadyStateResult steady(RunOutcome.SteadyStateResult s) {
        return new SteadyStateResult(s.held(), seconds(s.took()), s.detail());
    }

    private static RunOutcome.SteadyStateResult steady(SteadyStateResult s) {
        return new RunOutcome.SteadyStateResult(s.held(), ofSeconds(s.seconds()), s.detail());
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Duration ofMillis(double millis) {
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static Phase phase(String id) {
        for (Phase p : Phase.values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("report.json: phase [" + id + "] is not one of baseline, fault, recovery, overall");
    }

    private static Instant instant(String iso, String field) {
        require(iso, field);
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("report.json: " + field + " [" + iso + "] is not an ISO-8601 instant", e);
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("report.json: " + field + " is missing");
        }
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    // --- JSON ---

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The report as a tree: {@code schemaVersion} first, then every field. */
    public ObjectNode toTree() {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("schemaVersion", SCHEMA_VERSION);
        report.setAll((ObjectNode) MAPPER.valueToTree(this));
        // A list nobody filled is an empty list to a reader; null would make every consumer check twice.
        for (String list : LISTS) {
            if (report.path(list).isNull()) {
                report.putArray(list);
            }
        }
        return report;
    }

    public String toJson() {
        return pretty(toTree());
    }

    /** Indented JSON with '\n' line ends and a final newline. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Reads a {@code report.json} back; fields this version does not know are ignored. */
    public static ReportJson read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), ReportJson.class);
    }

    public static ReportJson parse(String json) {
        try {
            return MAPPER.readValue(json, ReportJson.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(JsonNode node, Path file) throws IOException {
        Files.writeString(file, pretty(node));
    }
}
