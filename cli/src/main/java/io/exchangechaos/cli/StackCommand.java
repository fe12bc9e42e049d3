package io.exchangechaos.cli;

import io.exchangechaos.backend.local.LocalStack;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stack", mixinStandardHelpOptions = true,
    description = "The staged exchange on its own, without a scenario.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./chaos stack up", "  ./chaos stack up --topology single-region --weakness no-client-failover"})
final class StackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("chaos stack: name a command (up); see ./chaos stack --help");
        return ExitCodes.USAGE;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the staged exchange in the foreground until Ctrl-C.",
            "Starts it on local processes, prints its endpoints (order entry, services, Toxiproxy API, DNS) and stops "
                + "every process cleanly on Ctrl-C.",
            "Logs and data go to target/chaos-stack/<UTC timestamp>/."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./chaos stack up", "  ./chaos stack up --topology single-region",
            "  ./chaos stack up --weakness ack-before-replication", "",
            "Exit codes: 0 after Ctrl-C, 1 could not start, 2 usage error."})
    static final class Up implements Callable<Integer> {
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        private final Io io;

        @Option(names = "--topology", paramLabel = "T", completionCandidates = Candidates.Topologies.class,
            description = "single-region or multi-region, or a topology file. Default: multi-region.")
        String topology;

        @Option(names = "--weakness", paramLabel = "W", completionCandidates = Candidates.Weaknesses.class,
            description = "Switch one resilience mechanism off: ${COMPLETION-CANDIDATES}. Default: none.")
        String weakness;

        @Option(names = "--allow-remote-targets", description = "Allow a topology whose addresses are not loopback.")
        boolean allowRemoteTargets;

        @Option(names = "--plugins", paramLabel = "DIR", description = PluginPaths.DESCRIPTION)
        List<String> plugins = new ArrayList<>();

        Up(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() throws Exception {
            RunFlags flags = new RunFlags();
            flags.topology = topology;
            flags.weakness = weakness;
            flags.plugins = plugins;
            List<String> problems = new ArrayList<>();
            RunSettings.check(flags, problems);
            if (!problems.isEmpty()) {
                throw new UsageException(problems);
            }
            TopologyRef ref = TopologyRef.of(topology == null ? Topologies.MULTI_REGION.spec() : topology.trim());
            Weakness w = weakness == null ? Weakness.NONE : Weakness.fromId(weakness.trim()).orElseThrow();
            Topology t;
            try {
                t = Topologies.load(Topologies.resolve(ref, null), w);
            } catch (IllegalStateException e) {
                throw new UsageException("stack up: " + e.getMessage());
            }
            // a backend or heal recipe kind of the topology's plugins is found as a run finds it
            Plugins.current().and(t.plugins()).install();
            List<String> remote = allowRemoteTargets ? List.of() : TargetGuard.remoteAddresses(t, Optional.empty());
            if (!remote.isEmpty()) {
                throw new UsageException(remote.stream().map(r -> "topology [" + t.name() + "]: " + r
                    + " is not on this machine (not a loopback address); pass --allow-remote-targets if that is what you mean").toList());
            }

            FaultRecorder recorder = FaultRecorder.using(new FaultLedger(FaultLedger.defaultPath()));
            CleanupReport leftovers = Cleanup.of(recorder.ledger()).run();
            if (!leftovers.items().isEmpty()) {
                io.out().print("Healed leftovers of an earlier run first:\n" + leftovers.format());
            }
            Path dir = Path.of("target", "chaos-stack", STAMP.format(Instant.now()));
            Files.createDirectories(dir);
            io.out().println("Starting the " + ref + " stack (weakness " + w + "); logs in " + dir.resolve("logs"));
            long start = System.nanoTime();
            LocalStack stack;
            try {
                stack = LocalStack.start(t, w, dir, recorder, new LocalStack.Options(Optional.empty(), Duration.ofSeconds(90)));
            } catch (StackStartException e) {
                io.err().println("stack up: could not start: " + e.getMessage());
                return ExitCodes.FAIL;
            }
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "chaos-stack-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Interrupts.Handle sigint = Interrupts.onSigint(stop::countDown);
            try {
                io.out().print(endpoints(stack, Duration.ofNanos(System.nanoTime() - start)));
                io.out().println("Ctrl-C stops every process.");
                io.out().flush();
                stop.await();
                io.out().println("\nStopping the stack…");
            } finally {
                stack.close();
                sigint.restore();
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook waited for this
                }
            }
            io.out().println("Stopped.");
            return ExitCodes.OK;
        }

        static String endpoints(LocalStack stack, Duration took) {
            Topology t = stack.topology();
            StringBuilder out = new StringBuilder();
            out.append(String.format("Stack %s up in %.1f s%n", t.name(), took.toMillis() / 1000.0));
            out.append("  order entry (the load's entrypoints):\n");
            stack.entrypoints().forEach(u -> out.append("    ").append(u).append('\n'));
            out.append("  services:\n");
            for (Service s : t.services()) {
                out.append(String.format("    %-14s %-10s %-8s %-20s health %s%n", s.name(), s.kind().name().toLowerCase(),
                    s.region(), s.listen(), s.health()));
            }
            out.append("  Toxiproxy API: ").append(stack.toxiproxyUrl()).append(" (").append(t.links().size()).append(" proxies)\n");
            out.append("  DNS:           ").append(t.dns().listen()).append(" (zone ").append(t.domain()).append(")\n");
            return out.toString();
        }
    }
}
