package io.exchangechaos.cli;

import io.exchangechaos.core.adapter.AdapterInfo;
import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.scenario.AbortCondition;
import io.exchangechaos.core.scenario.Budget;
import io.exchangechaos.core.scenario.Budgets;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Load;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.SteadyState;
import io.exchangechaos.core.scenario.Surge;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a run will do, in words: printed by {@code run --dry-run} and at the start of a game day. */
final class Plan {

    private Plan() {
    }

    /** The adapter the run drives the exchange through, with its version and jar, found as the run will find it. */
    static String adapter(Topology topology) {
        String name = topology.adapter().name();
        return Plugins.current().and(topology.plugins()).with(() -> Adapters.find(name))
            .map(a -> AdapterInfo.of(a).toString()).orElse(name + " (not found)");
    }

    static String render(RunSettings.Prepared p) {
        Scenario s = p.effective();
        Load load = s.load();
        StringBuilder out = new StringBuilder();
        out.append("Plan for ").append(s.name()).append(" (").append(p.source().file() == null ? "library scenario"
            : p.source().given()).append(")\n");
        if (!s.incident().isEmpty()) {
            out.append("  replays:      ").append(s.incident()).append('\n');
        }
        out.append("  exchange:     ").append(p.topologyRef()).append(" topology (").append(p.topology().regions().size())
            .append(p.topology().regions().size() == 1 ? " region, " : " regions, ").append(p.topology().services().size())
            .append(" services, ").append(p.topology().links().size()).append(" proxied links), weakness ")
            .append(p.weakness()).append(", backend ").append(p.backend()).append(", ")
            .append(p.backend().equals("docker") ? "a proxy container per region"
                : p.toxiproxy().map(u -> "Toxiproxy at " + u).orElse("embedded Toxiproxy at " + p.topology().proxyApi()))
            .append('\n');
        out.append("  adapter:      ").append(adapter(p.topology())).append('\n');
        out.append("  load:         ").append(load.rate()).append(" open model for ").append(Durations.format(load.duration()))
            .append(load.rampUp().isZero() ? "" : " (ramp-up " + Durations.format(load.rampUp()) + ")")
            .append("; mix limit ").append(pct(load.mix().limit())).append(", market ").append(pct(load.mix().market()))
            .append(", cancel ").append(pct(load.mix().cancel())).append("; ")
            .append(load.symbols() == null || load.symbols().isEmpty() ? "the adapter's symbols" : String.join(", ", load.symbols()))
            .append("; ").append(load.accounts()).append(" accounts; request timeout ")
            .append(Durations.format(load.requestTimeout())).append("; seed ").append(p.seed()).append('\n');
        for (Surge surge : load.surges()) {
            out.append("                surge to ").append(surge.rate()).append(" at ").append(Durations.format(surge.at()))
                .append(" for ").append(Durations.format(surge.duration())).append('\n');
        }
        SteadyState ss = s.steadyState();
        out.append("  steady state: error ratio at most ").append(pct(ss.maxErrorRatio())).append(" for ")
            .append(Durations.format(ss.holdFor())).append(", reached within ").append(Durations.format(ss.within()))
            .append(", before the load and after it\n");

        out.append("\nTimeline (seconds from load start)\n");
        if (s.timeline().isEmpty()) {
            out.append("  no faults: a baseline run\n");
        } else {
            out.append(String.format("  %-7s %-7s %-36s %-28s %s%n", "at", "heals", "fault", "target", "step"));
            for (TimelineStep step : s.timeline()) {
                out.append(String.format("  %-7s %-7s %-36s %-28s %s%n", Durations.format(step.at()),
                    Durations.format(step.healsAt(load.duration())), fault(step.fault()), step.target().describe(),
                    step.name()));
                String resolved = resolvedTarget(step.target(), p.topology());
                if (!resolved.isEmpty()) {
                    out.append(String.format("  %-7s %-7s %-36s   = %s%n", "", "", "", resolved));
                }
            }
        }
        String phases = List.of(Phase.BASELINE, Phase.FAULT, Phase.RECOVERY).stream()
            .flatMap(ph -> s.window(ph).stream().map(w -> ph.id() + " " + Durations.format(w.start()) + "–"
                + Durations.format(w.end())))
            .collect(Collectors.joining(", "));
        out.append("  phases: ").append(phases.isEmpty() ? "overall only" : phases).append('\n');

        out.append("\nBudgets\n");
        Budgets b = s.budgets();
        if (b.isEmpty()) {
            out.append("  none\n");
        }
        for (Budget.LatencyBudget l : b.latency()) {
            out.append("  ").append(l.percentile().id()).append(" latency of ").append(l.operation().id()).append(" during ")
                .append(l.phase().id()).append(" at most ").append(Durations.format(l.max())).append('\n');
        }
        for (Budget.ErrorRatioBudget e : b.errorRatio()) {
            out.append("  error ratio of ").append(e.operation().id()).append(" during ").append(e.phase().id())
                .append(" at most ").append(pct(e.max())).append('\n');
        }
        b.recovery().ifPresent(r -> out.append("  recovery within ").append(Durations.format(r.max())).append(" of each fault's injection: ")
            .append(r.percentile().id()).append(" at most ").append(Durations.format(r.latency())).append(" and error ratio at most ")
            .append(pct(r.maxErrorRatio())).append(" for ").append(Durations.format(r.window())).append('\n'));
        b.indeterminate().ifPresent(i -> out.append("  at most ").append(i.max())
            .append(" orders with an unknown outcome (before reconciliation)\n"));

        out.append("\nInvariants (checked on every order after the load)\n");
        // found as the run will find it: among the harness's own and the topology's plugins
        ExchangeAdapter adapter = Plugins.current().and(p.topology().plugins())
            .with(() -> Adapters.forTopology(p.topology())).orElseThrow(() -> new IllegalStateException(
                "the topology was read, yet its adapter [" + p.topology().adapter().name() + "] is not found"));
        // the scenario names none: those the adapter can observe, and the others said to be left out
        List<Invariant> unobservable = !s.defaultInvariants() ? List.of() : s.invariants().stream()
            .filter(i -> Checkers.refusal(i, adapter.name(), adapter.capabilities()).isPresent()).toList();
        List<Invariant> checked = s.invariants().stream().filter(i -> !unobservable.contains(i)).toList();
        out.append("  ").append(checked.isEmpty() ? "none"
            : checked.stream().map(Invariant::id).collect(Collectors.joining(", "))).append('\n');
        if (!unobservable.isEmpty()) {
            out.append("  not checked, adapter [").append(adapter.name()).append("] cannot observe them: ")
                .append(unobservable.stream().map(Invariant::id).collect(Collectors.joining(", "))).append('\n');
        }
        if (!s.abort().isEmpty()) {
            out.append("\nAbort (heal everything, verdict FAIL) when\n");
            for (AbortCondition a : s.abort()) {
                out.append("  the error ratio stays above ").append(pct(a.errorRatioAbove())).append(" for ")
                    .append(Durations.format(a.holdsFor())).append('\n');
            }
        }
        out.append(processes(p));
        out.append("\nRun directory: ").append(p.out().resolve(s.name())).append("/<UTC timestamp>/\n");
        return out.toString();
    }

    /**
     * What the run starts on this machine, as whom: each service's start command from the topology file, with the
     * values of secret-named flags and properties redacted, as in the reports.
     */
    static String processes(RunSettings.Prepared p) {
        StringBuilder out = new StringBuilder();
        if (p.backend().equals("docker")) {
            return out.append("\nProcesses: each service in a container of the stack image (--backend docker)\n").toString();
        }
        out.append("\nProcesses started (as user ").append(Plan.user()).append(", from the topology's start commands)\n");
        Secrets.Builder secrets = Secrets.builder();
        p.topology().services().forEach(svc -> secrets.command(svc.start()));
        Secrets known = secrets.build();
        for (Service svc : p.topology().services()) {
            out.append("  ").append(svc.name()).append(": ").append(String.join(" ", known.redactArguments(svc.start())))
                .append('\n');
        }
        return out.toString();
    }

    /** Who runs this process: its commands and faults act with this user's rights. */
    static String user() {
        return ProcessHandle.current().info().user().orElse(System.getProperty("user.name", "?"));
    }

    /** A warning for runs as root, or empty: printed once before a run starts. */
    static Optional<String> rootWarning(RunSettings.Prepared p) {
        if (!user().equals("root")) {
            return Optional.empty();
        }
        return Optional.of("warning: running as root: the topology's " + (p.backend().equals("docker")
            ? "containers are started" : p.topology().services().size() + " start commands run") + " with root's rights,"
            + " and so does every fault; run as an ordinary user unless you must (--dry-run lists the commands)");
    }

    /** A fault with its params, as an operator reads it: {@code latency 150ms ±20ms (both)}. */
    static String fault(Fault<?> f) {
        return FaultKinds.registered().describe(f);
    }

    /** What a target stands for in this topology, when the target itself does not say. */
    static String resolvedTarget(FaultTarget target, Topology topology) {
        if (target instanceof FaultTarget.RegionTarget r) {
            return FaultTarget.LEADER.equals(r.region()) ? "the engine leader's region, found when the fault is injected"
                : "services " + topology.servicesIn(r.region()).stream().map(s -> s.name()).toList();
        }
        if (target instanceof FaultTarget.ServiceTarget sv && FaultTarget.LEADER.equals(sv.service())) {
            return "the engine leader, found when the fault is injected";
        }
        if (target instanceof FaultTarget.BetweenTarget b) {
            return "everything between regions " + String.join(" and ", b.regions()) + ", each still reaching the others"
                + " (--backend docker)";
        }
        if (target instanceof FaultTarget.WanLinksTarget) {
            return topology.wanLinks().size() + " WAN links " + topology.wanLinks().stream().map(Link::name).toList();
        }
        return "";
    }

    /** What the operator should expect to see when a step is injected. */
    static String expectedEffect(TimelineStep step, Duration loadEnd) {
        FaultKinds kinds = FaultKinds.registered();
        String lasting = kinds.of(step.fault()).instantaneous() ? "at once"
            : step.duration().map(d -> "for " + Durations.format(d) + ", healed at " + Durations.format(step.healsAt(loadEnd)))
                .orElse("until the load ends at " + Durations.format(loadEnd));
        return kinds.effect(step.fault()) + ", " + lasting;
    }

    static String pct(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p).replaceAll("0+$", "")) + "%";
    }
}
