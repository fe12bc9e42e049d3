package io.exchangechaos.core.scenario;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.scenario.Budget.ErrorRatioBudget;
import io.exchangechaos.core.scenario.Budget.IndeterminateBudget;
import io.exchangechaos.core.scenario.Budget.LatencyBudget;
import io.exchangechaos.core.scenario.Budget.RecoveryBudget;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Problem;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.Suggestions;
import io.exchangechaos.core.yaml.YamlFields;
import io.exchangechaos.core.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads scenario YAML into a draft {@link Scenario} and hands it to {@link ScenarioBuilder}, which checks it. Here only
 * the spelling is checked (keys, types, durations, names of things); what the values mean is the validator's job, the
 * same for YAML and the Java DSL.
 */
final class ScenarioReader {

    static final List<String> ROOT_KEYS = List.of("name", "description", "incident", "target", "load", "steadyState",
            "timeline", "budgets", "invariants", "abort");
    static final List<String> TARGET_KEYS = List.of("topology", "weakness");
    static final List<String> LOAD_KEYS = List.of("rate", "rampUp", "duration", "mix", "symbols", "accounts",
            "requestTimeout", "surges");
    static final List<String> MIX_KEYS = List.of("limit", "market", "cancel");
    static final List<String> SURGE_KEYS = List.of("at", "rate", "duration");
    static final List<String> STEADY_STATE_KEYS = List.of("within", "holdFor", "maxErrorRatio");
    static final List<String> STEP_KEYS = List.of("name", "at", "fault", "target", "duration", "params");
    static final List<String> FAULT_TARGET_KEYS = Spelled.ids(TargetKind.class);
    static final List<String> BUDGETS_KEYS = List.of("latency", "errorRatio", "recovery", "indeterminate");
    static final List<String> LATENCY_BUDGET_KEYS = List.of("operation", "phase", "percentile", "max");
    static final List<String> ERROR_RATIO_BUDGET_KEYS = List.of("operation", "phase", "max");
    static final List<String> RECOVERY_KEYS = List.of("max", "window", "percentile", "latency", "maxErrorRatio");
    static final List<String> INDETERMINATE_KEYS = List.of("max");
    static final List<String> ABORT_KEYS = List.of("errorRatioAbove", "for");

    private final Problems problems;

    private ScenarioReader(Problems problems) {
        this.problems = problems;
    }

    static Scenario read(String yaml, String fileName, Path baseDir) {
        return read(yaml, fileName, baseDir, null);
    }

    /** @param adapter the adapter the scenario will run through; null for the one its topology names */
    static Scenario read(String yaml, String fileName, Path baseDir, ExchangeAdapter adapter) {
        Problems problems = new Problems(fileName);
        Optional<YamlNode> root = YamlNode.parse(yaml, problems);
        // the fault kinds a scenario may name include those of its topology's plugins
        try (Plugins.Installed ignored = topologyPlugins(root, baseDir).install()) {
            Optional<Scenario> draft = root.flatMap(r -> new ScenarioReader(problems).scenario(r));
            if (draft.isEmpty()) {
                throw new ScenarioDefinitionException(problems.list());
            }
            return new ScenarioBuilder(draft.get()).build(problems, baseDir, adapter);
        }
    }

    /**
     * The current plugins and those of the topology {@code target.topology} names, when it can be read; otherwise just
     * the current ones (the validator reports what is wrong with the topology).
     */
    private static Plugins topologyPlugins(Optional<YamlNode> root, Path baseDir) {
        Plugins current = Plugins.current();
        if (root.isEmpty() || !(root.get() instanceof YamlNode.Mapping m)
            || !(m.get("target").orElse(null) instanceof YamlNode.Mapping target)
            || !(target.get("topology").orElse(null) instanceof YamlNode.Scalar topology)) {
            return current;
        }
        try {
            Path file = Topologies.resolve(TopologyRef.of(topology.text()), baseDir);
            if (!Files.isRegularFile(file)) {
                return current;
            }
            return current.and(Topologies.load(file).plugins());
        } catch (RuntimeException e) {
            return current;
        }
    }

    /**
     * What is odd about a valid scenario, located like its problems ({@code file:line:col: path [value]: …}), for a
     * reader to print as warnings; nothing for a scenario with problems, which {@link #read} reports.
     */
    static List<Problem> warnings(String yaml, String fileName) {
        Problems problems = new Problems(fileName);
        Optional<Scenario> draft = YamlNode.parse(yaml, problems).flatMap(root -> new ScenarioReader(problems).scenario(root));
        if (draft.isEmpty() || !problems.isEmpty() || draft.get().load() == null || draft.get().load().duration() == null) {
            return List.of();
        }
        TimelineOverlaps.warnings(draft.get().timeline(), draft.get().load().duration(), problems);
        return problems.list();
    }

    private Optional<Scenario> scenario(YamlNode root) {
        Optional<YamlFields> maybe = YamlFields.of(root, "", problems, ROOT_KEYS,
                "a scenario is a mapping that starts with name:, target:, load:");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlFields f = maybe.get();
        f.require("name", "name: region-loss");
        f.require("target", "target: {topology: multi-region}");
        f.require("load", "load: {rate: 200/s, duration: 60s}");
        String name = f.text("name", "name: region-loss").orElse(null);
        String description = f.text("description", "description: what breaks and what must hold").orElse("");
        String incident = f.text("incident", "incident: \"AWS us-east-1, 2025-10-20: empty DNS record\"").orElse("");
        Target target = f.mapping("target", TARGET_KEYS, "write target: {topology: multi-region}").map(this::target).orElse(null);
        Load load = f.mapping("load", LOAD_KEYS, "write load: {rate: 200/s, duration: 60s}").map(this::load).orElse(null);
        SteadyState steadyState = f.mapping("steadyState", STEADY_STATE_KEYS, "write steadyState: {within: 30s, holdFor: 3s}")
                .map(this::steadyState).orElse(SteadyState.DEFAULT);
        List<TimelineStep> timeline = items(f, "timeline", "write timeline: [{at: 20s, fault: kill, target: {service: engine-r1}}]")
                .stream().map(i -> step(i.node, i.path)).toList();
        Budgets budgets = f.mapping("budgets", BUDGETS_KEYS, "write budgets: {latency: [...], errorRatio: [...]}")
                .map(this::budgets).orElse(Budgets.NONE);
        List<Invariant> invariants = f.has("invariants")
                ? items(f, "invariants", "write invariants: [no-lost-acked-orders, ...]").stream()
                        .map(i -> invariant(i.node, i.path)).toList()
                : Invariant.BUILT_IN;
        List<AbortCondition> abort = items(f, "abort", "write abort: [{errorRatioAbove: 0.9, for: 15s}]").stream()
                .map(i -> abort(i.node, i.path)).toList();
        return Optional.of(new Scenario(name, description, incident, target, load, steadyState, nullable(timeline), budgets,
                nullable(invariants), nullable(abort), !f.has("invariants")));
    }

    private Target target(YamlFields f) {
        f.require("topology", "topology: multi-region");
        TopologyRef topology = f.text("topology", "topology: multi-region").map(TopologyRef::of).orElse(null);
        Weakness weakness = f.text("weakness", "weakness: none").map(w -> {
            Optional<Weakness> known = Weakness.fromId(w);
            if (known.isEmpty()) {
                problems.add(f.child("weakness"), w, "unknown weakness; " + Suggestions.fix(w, Weakness.ids()));
            }
            return known.orElse(null);
        }).orElse(f.has("weakness") ? null : Weakness.NONE);
        return new Target(topology, weakness);
    }

    private Load load(YamlFields f) {
        f.require("rate", "rate: 200/s");
        f.require("duration", "duration: 60s");
        Rate rate = f.parsed("rate", Rate::parse, "a rate", Rate.HOW_TO_WRITE).orElse(null);
        Duration rampUp = durationOr(f, "rampUp", Duration.ZERO);
        Duration duration = f.duration("duration", "duration: 60s").orElse(null);
        Mix mix = f.mapping("mix", MIX_KEYS, "write mix: {limit: 0.7, market: 0.1, cancel: 0.2}").map(m -> {
            MIX_KEYS.forEach(k -> m.require(k, k + ": 0.1"));
            Double limit = m.decimal("limit", "limit: 0.7").orElse(null);
            Double market = m.decimal("market", "market: 0.1").orElse(null);
            Double cancel = m.decimal("cancel", "cancel: 0.2").orElse(null);
            return limit == null || market == null || cancel == null ? null : new Mix(limit, market, cancel);
        }).orElse(f.has("mix") ? null : Mix.DEFAULT);
        List<String> symbols = f.texts("symbols", "write symbols: [BTC-USD, ETH-USD]").orElse(f.has("symbols") ? null : Load.ADAPTER_SYMBOLS);
        int accounts = f.integer("accounts", "write accounts: 20").orElse(Load.DEFAULT_ACCOUNTS);
        Duration requestTimeout = durationOr(f, "requestTimeout", Load.DEFAULT_REQUEST_TIMEOUT);
        List<Surge> surges = items(f, "surges", "write surges: [{at: 45s, rate: 1000/s, duration: 3s}]").stream().map(i ->
                YamlFields.of(i.node, i.path, problems, SURGE_KEYS, "write {at: 45s, rate: 1000/s, duration: 3s}").map(s -> {
                    SURGE_KEYS.forEach(k -> s.require(k, k.equals("rate") ? "rate: 1000/s" : k + ": 3s"));
                    return new Surge(s.duration("at", "at: 45s").orElse(null),
                            s.parsed("rate", Rate::parse, "a rate", Rate.HOW_TO_WRITE).orElse(null),
                            s.duration("duration", "duration: 3s").orElse(null));
                }).orElse(new Surge(null, null, null))).toList();
        return new Load(rate, rampUp, duration, mix, symbols, accounts, requestTimeout, nullable(surges));
    }

    private SteadyState steadyState(YamlFields f) {
        return new SteadyState(durationOr(f, "within", SteadyState.DEFAULT.within()),
                durationOr(f, "holdFor", SteadyState.DEFAULT.holdFor()),
                f.has("maxErrorRatio") ? f.decimal("maxErrorRatio", "maxErrorRatio: 0.0").orElse(Double.NaN)
                        : SteadyState.DEFAULT.maxErrorRatio());
    }

    private TimelineStep step(YamlNode node, String path) {
        Optional<YamlFields> maybe = YamlFields.of(node, path, problems, STEP_KEYS,
                "write {at: 20s, fault: kill, target: {service: engine-r1}, duration: 25s}");
        if (maybe.isEmpty()) {
            return new TimelineStep(null, null, null, null, Optional.empty());
        }
        YamlFields f = maybe.get();
        f.require("at", "at: 20s");
        f.require("fault", "fault: kill");
        f.require("target", "target: {service: engine-r1}");
        Duration at = f.duration("at", "at: 20s").orElse(null);
        Optional<Duration> duration = f.duration("duration", "duration: 25s");
        FaultKind<?> kind = f.node("fault").map(n -> kind(n, f.child("fault"))).orElse(null);
        FaultTarget target = f.node("target").map(n -> target(n, f.child("target"))).orElse(null);
        Fault<?> fault = kind == null ? null : fault(kind, f);
        String name = f.text("name", "name: lose the leader's region").orElse(TimelineStep.defaultName(fault, target));
        return new TimelineStep(name, at, fault, target, duration);
    }

    private FaultTarget target(YamlNode node, String path) {
        String example = "write e.g. {service: engine-r1}, {region: leader}, {links: wan} or {dns: \"engine.*.exchange.test\"}";
        Optional<YamlFields> maybe = YamlFields.of(node, path, problems, FAULT_TARGET_KEYS, example);
        if (maybe.isEmpty()) {
            return null;
        }
        YamlFields f = maybe.get();
        List<String> kinds = f.keys().stream().filter(FAULT_TARGET_KEYS::contains).toList();
        if (kinds.size() != 1) {
            if (f.keys().isEmpty() || kinds.size() > 1) {
                problems.add(path, null, (kinds.isEmpty() ? "empty" : "gives " + String.join(" and ", kinds))
                        + "; give exactly one of " + String.join(", ", FAULT_TARGET_KEYS));
            }
            return null;
        }
        String key = kinds.get(0);
        TargetKind kind = Spelled.parse(TargetKind.class, key).orElseThrow();
        if (kind == TargetKind.LINKS) {
            YamlNode value = f.node(key).orElseThrow();
            if (value instanceof YamlNode.Scalar s && "wan".equals(s.text())) {
                return new FaultTarget.WanLinksTarget();
            }
            if (value instanceof YamlNode.Sequence) {
                return f.texts(key, "write links: [a, b] or links: wan").map(FaultTarget.LinkListTarget::new).orElse(null);
            }
            YamlFields.wrongType(value, f.child(key), problems, "wan or a list of link names", "write links: wan or links: [a, b]");
            return null;
        }
        if (kind == TargetKind.BETWEEN) {
            return f.texts(key, "write between: [r1, r2]").map(FaultTarget.BetweenTarget::new).orElse(null);
        }
        return f.text(key, "write {" + key + ": NAME}").map(name -> switch (kind) {
            case SERVICE -> new FaultTarget.ServiceTarget(name);
            case REGION -> new FaultTarget.RegionTarget(name);
            case LINK -> new FaultTarget.LinkTarget(name);
            case DNS -> new FaultTarget.DnsTarget(name);
            case DEPENDENCY -> new FaultTarget.DependencyTarget(name);
            default -> (FaultTarget) new FaultTarget.ConfigTarget(name);
        }).orElse(null);
    }

    private FaultKind<?> kind(YamlNode node, String path) {
        FaultKinds kinds = FaultKinds.registered();
        return YamlFields.text(node, path, problems, "use one of " + String.join(", ", kinds.ids())).flatMap(text -> {
            Optional<FaultKind<?>> known = kinds.byId(text);
            if (known.isEmpty()) {
                problems.add(path, text, "not a fault type; " + Suggestions.fix(text, kinds.ids()));
            }
            return known;
        }).orElse(null);
    }

    private Fault<?> fault(FaultKind<?> kind, YamlFields step) {
        String example = "write params: {" + (kind.params().isEmpty() ? "" : kind.params().get(0) + ": ...") + "}";
        Optional<YamlFields> maybe = step.has("params")
                ? step.mapping("params", kind.params(), example)
                : YamlFields.of(new YamlNode.Mapping(step.location(), Map.of()), step.child("params"), problems,
                        kind.params(), example);
        return maybe.map(p -> kind.read(new FaultParams(p, step))).orElse(null);
    }

    private Budgets budgets(YamlFields f) {
        List<LatencyBudget> latency = items(f, "latency", "write latency: [{operation: place, phase: fault, percentile: p99, max: 1s}]")
                .stream().map(i -> YamlFields.of(i.node, i.path, problems, LATENCY_BUDGET_KEYS,
                        "write {operation: place, phase: fault, percentile: p99, max: 1s}").map(b -> {
                            b.require("phase", "phase: fault");
                            b.require("percentile", "percentile: p99");
                            b.require("max", "max: 1s");
                            return new LatencyBudget(operation(b), phase(b), percentile(b, "percentile"),
                                    b.duration("max", "max: 1s").orElse(null));
                        }).orElse(new LatencyBudget(null, null, null, null))).toList();
        List<ErrorRatioBudget> errorRatio = items(f, "errorRatio", "write errorRatio: [{phase: fault, max: 0.05}]")
                .stream().map(i -> YamlFields.of(i.node, i.path, problems, ERROR_RATIO_BUDGET_KEYS,
                        "write {phase: fault, max: 0.05}").map(b -> {
                            b.require("phase", "phase: fault");
                            b.require("max", "max: 0.05");
                            return new ErrorRatioBudget(operation(b), phase(b), b.decimal("max", "max: 0.05").orElse(Double.NaN));
                        }).orElse(new ErrorRatioBudget(null, null, Double.NaN))).toList();
        Optional<RecoveryBudget> recovery = f.mapping("recovery", RECOVERY_KEYS,
                "write recovery: {max: 10s, window: 3s, percentile: p99, latency: 200ms, maxErrorRatio: 0.01}").map(b -> {
                    b.require("max", "max: 10s");
                    b.require("window", "window: 3s");
                    b.require("percentile", "percentile: p99");
                    b.require("latency", "latency: 200ms");
                    b.require("maxErrorRatio", "maxErrorRatio: 0.01");
                    return new RecoveryBudget(b.duration("max", "max: 10s").orElse(null),
                            b.duration("window", "window: 3s").orElse(null), percentile(b, "percentile"),
                            b.duration("latency", "latency: 200ms").orElse(null),
                            b.decimal("maxErrorRatio", "maxErrorRatio: 0.01").orElse(Double.NaN));
                });
        Optional<IndeterminateBudget> indeterminate = f.mapping("indeterminate", INDETERMINATE_KEYS, "write indeterminate: {max: 20}")
                .map(b -> {
                    b.require("max", "max: 20");
                    return new IndeterminateBudget(b.integer("max", "write max: 20").orElse(0));
                });
        return new Budgets(latency, errorRatio, recovery, indeterminate);
    }

    private OrderOperation operation(YamlFields b) {
        return b.node("operation").map(n -> spelled(n, b.child("operation"), OrderOperation.class, "an operation"))
                .orElse(b.has("operation") ? null : OrderOperation.ANY);
    }

    private Phase phase(YamlFields b) {
        return b.node("phase").map(n -> spelled(n, b.child("phase"), Phase.class, "a phase")).orElse(null);
    }

    private Percentile percentile(YamlFields b, String key) {
        return b.node(key).flatMap(n -> YamlFields.text(n, b.child(key), problems, "write percentile: p99").flatMap(text -> {
            Optional<Percentile> known = Spelled.parse(Percentile.class, text);
            if (known.isEmpty()) {
                problems.add(b.child(key), text, "not a percentile; use one of " + String.join(", ", Spelled.ids(Percentile.class)));
            }
            return known;
        })).orElse(null);
    }

    private AbortCondition abort(YamlNode node, String path) {
        return YamlFields.of(node, path, problems, ABORT_KEYS, "write {errorRatioAbove: 0.9, for: 15s}").map(a -> {
            a.require("errorRatioAbove", "errorRatioAbove: 0.9");
            a.require("for", "for: 15s");
            return new AbortCondition(a.decimal("errorRatioAbove", "errorRatioAbove: 0.9").orElse(Double.NaN),
                    a.duration("for", "for: 15s").orElse(null));
        }).orElse(new AbortCondition(Double.NaN, null));
    }

    // --- helpers ---

    private record Item(YamlNode node, String path) {
    }

    private List<Item> items(YamlFields f, String key, String example) {
        List<YamlNode> nodes = f.list(key, example).orElse(List.of());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new Item(nodes.get(i), f.child(key) + "[" + i + "]"));
        }
        return items;
    }

    private <E extends Enum<E> & Spelled> E spelled(YamlNode node, String path, Class<E> type, String what) {
        return YamlFields.text(node, path, problems, "use one of " + String.join(", ", Spelled.ids(type))).flatMap(text -> {
            Optional<E> known = Spelled.parse(type, text);
            if (known.isEmpty()) {
                problems.add(path, text, "not " + what + "; " + Suggestions.fix(text, Spelled.ids(type)));
            }
            return known;
        }).orElse(null);
    }

    /** An invariant some checker on the class path decides. */
    private Invariant invariant(YamlNode node, String path) {
        List<String> known = Checkers.invariants().stream().map(Invariant::id).toList();
        return YamlFields.text(node, path, problems, "use one of " + String.join(", ", known)).flatMap(text -> {
            if (!known.contains(text)) {
                problems.add(path, text, "not an invariant; " + Suggestions.fix(text, known));
                return Optional.<Invariant>empty();
            }
            return Optional.of(Invariant.of(text));
        }).orElse(null);
    }

    private static Duration durationOr(YamlFields f, String key, Duration otherwise) {
        return f.has(key) ? f.duration(key, key + ": " + Durations.format(otherwise)).orElse(null) : otherwise;
    }

    private static <T> List<T> nullable(List<T> list) {
        return new ArrayList<>(list);
    }
}
