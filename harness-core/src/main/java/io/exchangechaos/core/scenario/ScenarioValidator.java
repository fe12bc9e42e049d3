package io.exchangechaos.core.scenario;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.scenario.Budget.ErrorRatioBudget;
import io.exchangechaos.core.scenario.Budget.LatencyBudget;
import io.exchangechaos.core.scenario.Budget.RecoveryBudget;
import io.exchangechaos.core.scenario.FaultTarget.ConfigTarget;
import io.exchangechaos.core.scenario.FaultTarget.DependencyTarget;
import io.exchangechaos.core.scenario.FaultTarget.DnsTarget;
import io.exchangechaos.core.scenario.FaultTarget.LinkListTarget;
import io.exchangechaos.core.scenario.FaultTarget.LinkTarget;
import io.exchangechaos.core.scenario.FaultTarget.RegionTarget;
import io.exchangechaos.core.scenario.FaultTarget.ServiceTarget;
import io.exchangechaos.core.scenario.FaultTarget.WanLinksTarget;
import io.exchangechaos.core.topology.DnsRecord;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.ServiceKind;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyDefinitionException;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.Suggestions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every check of a scenario's meaning, for YAML and the Java DSL alike. Fields the reader could not read are null here
 * and were already reported, so they are skipped; a problem already reported for a path is not reported again.
 */
final class ScenarioValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Scenario s;
    private final Problems problems;
    private final Path baseDir;
    /** Null for the one the topology names. */
    private final ExchangeAdapter adapter;

    private ScenarioValidator(Scenario scenario, Problems problems, Path baseDir, ExchangeAdapter adapter) {
        this.s = scenario;
        this.problems = problems;
        this.baseDir = baseDir;
        this.adapter = adapter;
    }

    static void validate(Scenario scenario, Problems problems, Path baseDir, ExchangeAdapter adapter) {
        new ScenarioValidator(scenario, problems, baseDir, adapter).validate();
    }

    private void validate() {
        if (s.name() != null && !NAME.matcher(s.name()).matches()) {
            report("name", s.name(), "not a scenario name; use lower-case letters, digits and '-', e.g. region-loss");
        }
        Optional<Topology> topology = topology();
        Optional<ExchangeAdapter> adapter = topology.flatMap(this::adapter);
        Load load = s.load();
        if (load != null) {
            load(load, adapter);
        }
        steadyState(s.steadyState());
        Duration end = load == null || load.duration() == null || !isPositive(load.duration()) ? null : load.duration();
        for (int i = 0; i < s.timeline().size(); i++) {
            step(i, s.timeline().get(i), end, topology);
        }
        if (end != null) {
            TimelineOverlaps.errors(s.timeline(), end, problems);
        }
        budgets(end);
        invariants(topology);
        for (int i = 0; i < s.abort().size(); i++) {
            AbortCondition a = s.abort().get(i);
            String path = "abort[" + i + "]";
            ratio(path + ".errorRatioAbove", a.errorRatioAbove());
            positive(path + ".for", a.holdsFor());
        }
    }

    // --- target ---

    private Optional<Topology> topology() {
        Target target = s.target();
        if (target == null || target.topology() == null) {
            return Optional.empty();
        }
        TopologyRef ref = target.topology();
        Path file;
        try {
            file = Topologies.resolve(ref, baseDir);
        } catch (IllegalStateException e) {
            report("target.topology", ref, e.getMessage());
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            if (ref.isNamed()) {
                report("target.topology", ref, "no such topology; "
                        + Suggestions.fix(ref.spec(), Topologies.names()));
            } else {
                report("target.topology", ref, "no such file [" + file + "]; fix the path (relative to this scenario file)");
            }
            return Optional.empty();
        }
        try {
            Weakness weakness = target.weakness() == null ? Weakness.NONE : target.weakness();
            return Optional.of(Topologies.load(file, weakness));
        } catch (TopologyDefinitionException e) {
            report("target.topology", ref, "the topology file has " + e.problems().size()
                    + " problem(s), listed below with their location; fix them");
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /**
     * The adapter the topology names, found with its plugins; a name no jar provides is a problem of the topology file,
     * located where it names the adapter.
     */
    private Optional<ExchangeAdapter> adapter(Topology topology) {
        Plugins plugins;
        try {
            plugins = Plugins.current().and(topology.plugins());
        } catch (IllegalArgumentException e) {
            // the paths were checked when the topology was read; one gone since is reported with the reader's words
            problems.addAll(List.of(topology.adapter().problem(e.getMessage())));
            return Optional.empty();
        }
        String name = topology.adapter().name();
        return plugins.with(() -> {
            Optional<ExchangeAdapter> found = Adapters.find(name);
            if (found.isEmpty()) {
                problems.addAll(List.of(topology.adapter().problem(Adapters.unknown(name))));
            }
            return found;
        });
    }

    // --- load ---

    private void load(Load load, Optional<ExchangeAdapter> adapter) {
        if (load.rate() != null && !(load.rate().perSecond() > 0)) {
            report("load.rate", load.rate(), "must be above 0; " + Rate.HOW_TO_WRITE);
        }
        positive("load.duration", load.duration());
        notNegative("load.rampUp", load.rampUp());
        if (load.rampUp() != null && load.duration() != null && isPositive(load.duration())
                && load.rampUp().compareTo(load.duration()) >= 0) {
            report("load.rampUp", fmt(load.rampUp()), "not shorter than load.duration [" + fmt(load.duration())
                    + "]; shorten the ramp-up or lengthen the load");
        }
        Mix mix = load.mix();
        if (mix != null) {
            boolean inRange = true;
            for (var share : List.of(new Object[] {"limit", mix.limit()}, new Object[] {"market", mix.market()},
                    new Object[] {"cancel", mix.cancel()})) {
                double value = (double) share[1];
                if (value < 0 || value > 1) {
                    report("load.mix." + share[0], num(value), "outside [0, 1]; give a fraction, e.g. 0.2");
                    inRange = false;
                }
            }
            if (inRange && Math.abs(mix.sum() - 1.0) > 1e-9) {
                report("load.mix", mix, "sums to " + num(round(mix.sum())) + ", not 1; make the fractions add up to 1");
            }
        }
        if (load.symbols() != null) {
            // no symbols at all means the adapter's; an empty list written out is a mistake
            if (load.symbols().isEmpty() && problems.isWritten("load.symbols")) {
                report("load.symbols", null, "empty; name at least one symbol, e.g. [BTC-USD], or leave symbols out for"
                    + " the adapter's");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < load.symbols().size(); i++) {
                String symbol = load.symbols().get(i);
                Optional<String> wrong = adapter.flatMap(a -> a.checkSymbol(symbol));
                if (wrong.isPresent()) {
                    report("load.symbols[" + i + "]", symbol, wrong.get());
                } else if (!seen.add(symbol)) {
                    report("load.symbols[" + i + "]", symbol, "listed twice; remove one");
                }
            }
        }
        if (load.accounts() < 1) {
            report("load.accounts", load.accounts(), "must be at least 1");
        }
        positive("load.requestTimeout", load.requestTimeout());
        for (int i = 0; i < load.surges().size(); i++) {
            Surge surge = load.surges().get(i);
            String path = "load.surges[" + i + "]";
            if (surge.rate() != null && !(surge.rate().perSecond() > 0)) {
                report(path + ".rate", surge.rate(), "must be above 0; " + Rate.HOW_TO_WRITE);
            }
            positive(path + ".duration", surge.duration());
            window(path, surge.at(), Optional.ofNullable(surge.duration()), load.duration(), "the surge");
        }
    }

    private void steadyState(SteadyState steady) {
        positive("steadyState.within", steady.within());
        positive("steadyState.holdFor", steady.holdFor());
        if (steady.within() != null && steady.holdFor() != null && steady.holdFor().compareTo(steady.within()) > 0) {
            report("steadyState.holdFor", fmt(steady.holdFor()), "longer than steadyState.within [" + fmt(steady.within())
                    + "], so it can never hold in time; shorten holdFor or lengthen within");
        }
        ratio("steadyState.maxErrorRatio", steady.maxErrorRatio());
    }

    // --- timeline ---

    private void step(int i, TimelineStep step, Duration end, Optional<Topology> topology) {
        String path = "timeline[" + i + "]";
        if (step.at() != null && i > 0) {
            Duration previous = s.timeline().get(i - 1).at();
            if (previous != null && step.at().compareTo(previous) < 0) {
                report(path + ".at", fmt(step.at()), "before timeline[" + (i - 1) + "].at [" + fmt(previous)
                        + "]; list steps in time order");
            }
        }
        FaultKinds kinds = FaultKinds.registered();
        FaultKind<?> kind = step.fault() == null ? null : kinds.of(step.fault());
        if (kind != null && kind.instantaneous() && step.duration().isPresent()) {
            report(path + ".duration", fmt(step.duration().get()), kind.id()
                    + " is instantaneous and takes no duration; remove it");
        } else {
            step.duration().ifPresent(d -> positive(path + ".duration", d));
            window(path, step.at(), step.duration(), end, "the fault");
        }
        if (step.fault() != null) {
            String params = path + ".params";
            kinds.validate(step.fault(), (param, value, message) -> report(params + "." + param, value, message));
        }
        if (kind != null && step.target() != null) {
            if (!kind.targets().contains(step.target().kind())) {
                report(path + ".target", step.target().describe(), kind.id() + " acts on " + kind.family().actsOn()
                        + " and takes " + kind.family().spellings() + "; " + targetFix(kinds, step.target()));
            } else {
                topology.ifPresent(t -> target(path + ".target", kind, step.target(), t));
            }
        }
    }

    /** What to do instead, naming the kinds that do take {@code target}. */
    private static String targetFix(FaultKinds kinds, FaultTarget target) {
        return switch (target.kind()) {
            case SERVICE, REGION -> "change the target, or use " + taking(kinds, TargetKind.SERVICE) + " on " + target.describe();
            case LINK, LINKS -> "change the target, or use " + taking(kinds, TargetKind.LINK) + " on links";
            case BETWEEN -> "change the target to links or a region, or use " + taking(kinds, TargetKind.BETWEEN)
                    + " between two regions";
            case DNS, DEPENDENCY, CONFIG -> {
                List<FaultKind<?>> taking = kinds.all().stream().filter(k -> k.targets().contains(target.kind())).toList();
                yield "change the target, or use fault: " + taking(kinds, target.kind()) + " for "
                        + (taking.isEmpty() ? target.kind().id() : taking.get(0).family().actsOn());
            }
        };
    }

    /** The kinds that take {@code kind} of target, as a sentence lists them: {@code kill, terminate, freeze or restart}. */
    private static String taking(FaultKinds kinds, TargetKind kind) {
        List<String> ids = kinds.all().stream().filter(k -> k.targets().contains(kind)).map(FaultKind::id).toList();
        if (ids.size() <= 1) {
            return ids.isEmpty() ? "another fault" : ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /** A span [at, at + duration] (to the load end when there is no duration) must lie in the load window. */
    private void window(String path, Duration at, Optional<Duration> duration, Duration end, String what) {
        if (at == null) {
            return;
        }
        if (at.isNegative()) {
            report(path + ".at", fmt(at), "must not be negative; give the time since the load started");
            return;
        }
        if (end == null) {
            return;
        }
        if (at.compareTo(end) >= 0) {
            report(path + ".at", fmt(at), "starts " + (at.equals(end) ? "when" : "after") + " the load ends at " + fmt(end)
                    + "; start " + what + " earlier or lengthen load.duration");
            return;
        }
        if (duration.isPresent() && isPositive(duration.get()) && at.plus(duration.get()).compareTo(end) > 0) {
            report(path + ".duration", fmt(duration.get()), "ends after the load ends at " + fmt(end)
                    + "; shorten it or lengthen load.duration");
        }
    }

    /** The target exists in the topology and is of a kind the fault can act on. */
    private void target(String path, FaultKind<?> kind, FaultTarget target, Topology t) {
        List<String> services = t.services().stream().map(Service::name).toList();
        if (target instanceof ServiceTarget st) {
            if (st.service().equals(FaultTarget.LEADER)) {
                leaderExists(path + ".service", st.service(), t);
            } else if (t.service(st.service()).isEmpty()) {
                report(path + ".service", st.service(), "not a service of " + t.name() + "; " + Suggestions.fix(st.service(), services));
            }
        } else if (target instanceof RegionTarget rt) {
            List<String> regions = new ArrayList<>(t.regions());
            t.regionsWithServices().stream().filter(r -> !regions.contains(r)).forEach(regions::add);
            if (rt.region().equals(FaultTarget.LEADER)) {
                leaderExists(path + ".region", rt.region(), t);
            } else if (!regions.contains(rt.region())) {
                report(path + ".region", rt.region(), "not a region of " + t.name() + "; " + Suggestions.fix(rt.region(), regions));
            } else if (kind.targets().contains(TargetKind.LINK) && t.linksIntoRegion(rt.region()).isEmpty()) {
                report(path + ".region", rt.region(), "no link of " + t.name() + " leads into this region; name the links instead");
            }
        } else if (target instanceof LinkTarget lt) {
            link(path + ".link", lt.link(), t);
        } else if (target instanceof LinkListTarget lt) {
            if (lt.links().isEmpty()) {
                report(path + ".links", null, "empty; name at least one link, or write links: wan");
            }
            for (int i = 0; i < lt.links().size(); i++) {
                link(path + ".links[" + i + "]", lt.links().get(i), t);
            }
        } else if (target instanceof FaultTarget.BetweenTarget bt) {
            List<String> regions = new ArrayList<>(t.regions());
            t.regionsWithServices().stream().filter(r -> !regions.contains(r)).forEach(regions::add);
            if (bt.regions().size() != 2) {
                report(path + ".between", "[" + String.join(", ", bt.regions()) + "]", "names " + bt.regions().size()
                        + " regions; name exactly two, e.g. between: [r1, r2]");
            } else if (bt.regions().get(0).equals(bt.regions().get(1))) {
                report(path + ".between", "[" + String.join(", ", bt.regions()) + "]",
                        "names one region twice; name two different regions, or use {region: NAME} to cut one off");
            }
            for (int i = 0; i < bt.regions().size(); i++) {
                String r = bt.regions().get(i);
                if (r.equals(FaultTarget.LEADER)) {
                    report(path + ".between[" + i + "]", r, "not a region name here; name the regions, e.g. between: [r1, r2]");
                } else if (!regions.contains(r)) {
                    report(path + ".between[" + i + "]", r, "not a region of " + t.name() + "; " + Suggestions.fix(r, regions));
                }
            }
        } else if (target instanceof WanLinksTarget) {
            if (t.wanLinks().isEmpty()) {
                report(path + ".links", "wan", t.name() + " has no link marked wan; name the links instead");
            }
        } else if (target instanceof DnsTarget dt) {
            if (t.recordsMatching(dt.names()).isEmpty()) {
                report(path + ".dns", dt.names(), "matches no DNS record of " + t.name() + " ("
                        + String.join(", ", t.records().stream().map(DnsRecord::name).toList())
                        + "); fix the name, * stands for one label");
            }
        } else if (target instanceof DependencyTarget dt) {
            serviceOfKind(path + ".dependency", dt.service(), ServiceKind.DEPENDENCY, t);
        } else if (target instanceof ConfigTarget ct) {
            serviceOfKind(path + ".config", ct.service(), ServiceKind.CONFIG, t);
        }
    }

    private void leaderExists(String path, String value, Topology t) {
        if (t.services(ServiceKind.ENGINE).isEmpty()) {
            report(path, value, t.name() + " has no engine, so no leader; name a service or region");
        }
    }

    private void link(String path, String name, Topology t) {
        if (t.link(name).isEmpty()) {
            report(path, name, "not a link of " + t.name() + "; " + Suggestions.fix(name, t.links().stream().map(Link::name).toList()));
        }
    }

    private void serviceOfKind(String path, String name, ServiceKind kind, Topology t) {
        List<String> ofKind = t.services(kind).stream().map(Service::name).toList();
        Optional<Service> service = t.service(name);
        if (service.isEmpty()) {
            report(path, name, "not a service of " + t.name() + "; " + (ofKind.isEmpty()
                    ? "it has no service of kind " + kind.id() : Suggestions.fix(name, ofKind)));
        } else if (service.get().kind() != kind) {
            report(path, name, "a service of kind " + service.get().kind().id() + ", not " + kind.id() + "; "
                    + (ofKind.isEmpty() ? "target a service of kind " + kind.id() : "use one of " + String.join(", ", ofKind)));
        }
    }

    // --- budgets ---

    private void budgets(Duration end) {
        Budgets budgets = s.budgets();
        for (int i = 0; i < budgets.latency().size(); i++) {
            LatencyBudget b = budgets.latency().get(i);
            String path = "budgets.latency[" + i + "]";
            positive(path + ".max", b.max());
            phase(path + ".phase", b.phase(), end);
        }
        for (int i = 0; i < budgets.errorRatio().size(); i++) {
            ErrorRatioBudget b = budgets.errorRatio().get(i);
            String path = "budgets.errorRatio[" + i + "]";
            ratio(path + ".max", b.max());
            phase(path + ".phase", b.phase(), end);
        }
        budgets.recovery().ifPresent(r -> recovery(r, end));
        budgets.indeterminate().ifPresent(b -> {
            if (b.max() < 0) {
                report("budgets.indeterminate.max", b.max(), "must not be negative; 0 allows no unknown outcome");
            }
        });
    }

    private void recovery(RecoveryBudget r, Duration end) {
        String path = "budgets.recovery";
        positive(path + ".max", r.max());
        positive(path + ".window", r.window());
        positive(path + ".latency", r.latency());
        ratio(path + ".maxErrorRatio", r.maxErrorRatio());
        if (!phasesKnown(end)) {
            return;
        }
        if (s.timeline().isEmpty()) {
            report(path, null, "the timeline has no faults to recover from; remove it or add a fault");
            return;
        }
        // recovery is measured from each fault's injection, so the last injection must leave room to see it
        Duration lastInjection = s.timeline().stream().map(TimelineStep::at).max(Duration::compareTo).orElseThrow();
        Duration span = end.minus(lastInjection);
        String room = fmt(span) + " from the last injection at " + fmt(lastInjection) + " to the load end at " + fmt(end);
        if (r.window() != null && r.window().compareTo(span) > 0) {
            report(path + ".window", fmt(r.window()), "longer than the " + room
                    + "; inject the faults earlier, lengthen load.duration or shorten the window");
        } else if (r.max() != null && r.window() != null && isPositive(r.max())
                && r.max().plus(r.window()).compareTo(span) > 0) {
            report(path + ".max", fmt(r.max()), "recovery that late can't be observed: max plus window [" + fmt(r.window())
                    + "] is longer than the " + room + "; lengthen load.duration or lower max");
        }
    }

    private void phase(String path, Phase phase, Duration end) {
        if (phase == null || phase == Phase.OVERALL || !phasesKnown(end)) {
            return;
        }
        if (s.window(phase).isPresent()) {
            return;
        }
        if (s.timeline().isEmpty()) {
            report(path, phase, "the timeline has no faults, so there is no " + phase + " phase; remove this budget or add a fault");
        } else if (phase == Phase.BASELINE) {
            report(path, phase, "the baseline phase is empty: the first fault is injected when the load starts; inject it later or remove this budget");
        } else if (phase == Phase.RECOVERY) {
            report(path, phase, "the recovery phase is empty: the last fault heals when the load ends at " + fmt(end)
                    + "; give the faults a duration or remove this budget");
        }
    }

    /** Phases can be computed only when the load window and every step's timing were readable and fit. */
    private boolean phasesKnown(Duration end) {
        if (end == null) {
            return false;
        }
        for (int i = 0; i < s.timeline().size(); i++) {
            TimelineStep step = s.timeline().get(i);
            if (step.at() == null || problems.hasProblemAt("timeline[" + i + "].at")
                    || problems.hasProblemAt("timeline[" + i + "].duration")) {
                return false;
            }
        }
        return true;
    }

    private void invariants(Optional<Topology> topology) {
        // the adapter is known only once the topology is (or given); a named invariant it cannot observe is refused
        ExchangeAdapter through = adapter != null ? adapter : topology.flatMap(Adapters::forTopology).orElse(null);
        Set<Invariant> seen = new HashSet<>();
        for (int i = 0; i < s.invariants().size(); i++) {
            Invariant invariant = s.invariants().get(i);
            if (invariant != null && !seen.add(invariant)) {
                report("invariants[" + i + "]", invariant, "listed twice; remove one");
            } else if (invariant != null && !Checkers.invariants().contains(invariant)) {
                report("invariants[" + i + "]", invariant, "not an invariant; " + Suggestions.fix(invariant.id(),
                    Checkers.invariants().stream().map(Invariant::id).toList()));
            } else if (invariant != null && through != null && !s.defaultInvariants()) {
                Optional<String> refusal = Checkers.refusal(invariant, through.name(), through.capabilities());
                if (refusal.isPresent()) {
                    report("invariants[" + i + "]", invariant, refusal.get());
                }
            }
        }
    }

    // --- helpers ---

    private void positive(String path, Duration d) {
        if (d != null && !isPositive(d)) {
            report(path, fmt(d), "must be above 0");
        }
    }

    private void notNegative(String path, Duration d) {
        if (d != null && d.isNegative()) {
            report(path, fmt(d), "must not be negative");
        }
    }

    private void ratio(String path, double ratio) {
        if (!Double.isNaN(ratio) && (ratio < 0 || ratio > 1)) {
            report(path, num(ratio), "outside [0, 1]; give a fraction, e.g. 0.05 for 5%");
        }
    }

    /** Reports unless the reader already reported something at this path. */
    private void report(String path, Object value, String message) {
        if (!problems.hasProblemAt(path)) {
            problems.add(path, value, message);
        }
    }

    private static boolean isPositive(Duration d) {
        return d.compareTo(Duration.ZERO) > 0;
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }

    static String num(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
