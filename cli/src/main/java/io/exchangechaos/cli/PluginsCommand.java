package io.exchangechaos.cli;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.backend.Backend;
import io.exchangechaos.core.backend.Backends;
import io.exchangechaos.core.check.Checker;
import io.exchangechaos.core.check.Checkers;
import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.FaultInjectors;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealRecipeKinds;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.scenario.FaultKind;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = {"Lists every adapter, fault kind, fault injector, heal recipe kind, checker, backend and report writer "
        + "found: the harness's own (built in) and those of plugin jars, each with its jar and version.",
        "The version is the jar manifest's Implementation-Version, else unknown."},
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos plugins", "  ./chaos plugins --plugins lib/plugins",
        "  ./chaos plugins --topology my-venue/topology.yaml   (with the topology's plugins:)", "",
        "Exit codes: 0 listed, 2 a plugin path or the topology is wrong."})
final class PluginsCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginPaths.DESCRIPTION)
    List<String> plugins = new ArrayList<>();

    @Option(names = "--topology", paramLabel = "T", completionCandidates = Candidates.Topologies.class,
        description = "A topology (name or file) whose plugins: are listed too.")
    String topology;

    PluginsCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        Plugins found = PluginPaths.install(plugins, problems).orElse(null);
        if (found != null && topology != null) {
            TopologyRef ref = TopologyRef.of(topology.trim());
            Path file = Topologies.resolve(ref, null);
            if (!Files.isRegularFile(file)) {
                problems.add("--topology [" + topology + "]: no such topology; pass a topology file or a name"
                    + " (single-region, multi-region)");
            } else {
                Topology t = Topologies.load(file);
                found = found.and(t.plugins());
                found.install();
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        List<Path> jars = new ArrayList<>(found.jars());
        io.out().println(jars.isEmpty() ? "Plugin jars: none (only what is built in)"
            : "Plugin jars: " + String.join(", ", jars.stream().map(Path::toString).toList()));
        section("adapters", Adapters.all(), ExchangeAdapter::name);
        section("fault kinds", FaultKinds.registered().all(), FaultKind::id);
        section("fault injectors", FaultInjectors.load().all(), FaultInjector::name);
        section("heal recipe kinds", HealRecipeKinds.registered().all(), HealRecipeKind::id);
        section("checkers", Checkers.all(), c -> c.invariant().id());
        section("backends", Backends.all(), Backend::name);
        section("report writers", Reports.writers(), w -> w.getClass().getSimpleName());
        return ExitCodes.OK;
    }

    private <T> void section(String title, List<T> items, Function<T, String> name) {
        io.out().println();
        io.out().println(title + " (" + items.size() + ")");
        for (T item : items) {
            Plugins.Origin origin = Plugins.origin(item.getClass());
            io.out().println(String.format("  %-24s %-16s %s", name.apply(item), origin.version(), origin.jar()));
        }
    }
}
