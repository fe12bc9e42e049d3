package io.exchangechaos.cli;

import io.exchangechaos.core.explore.ExplorationSummary;
import io.exchangechaos.core.explore.ExploredScenario;
import io.exchangechaos.core.explore.Explorer;
import io.exchangechaos.core.explore.FaultMenu;
import io.exchangechaos.core.explore.ScheduleGenerator;
import io.exchangechaos.core.explore.Shrinker;
import io.exchangechaos.core.fault.FaultInjector;
import io.exchangechaos.core.fault.FaultInjectors;
import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioYaml;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Searches for failures: runs seeded random fault schedules, each a normal run under load judged by the "
        + "six invariants; the first that FAILs is shrunk (fewer steps, shorter faults, simpler targets) to the smallest "
        + "schedule that still fails the same check, written as a ready scenario file.",
        "Everything goes under OUT/explore-seed-N/<UTC timestamp>/: summary.md (every schedule tried, its verdict, the "
            + "shrink path), the scenario file of each run (schedules/), the runs (runs/) and the minimal scenario "
            + "(explored-seed-N.yaml) with `proof`, a link to the run that shows it failing.",
        "The same seed gives the same schedules. Ctrl-C stops the run under way cleanly (faults healed) and keeps what "
            + "was found."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./chaos explore --seed 1 --runs 20",
        "  ./chaos explore --weakness ack-before-replication --seed 19 --runs 3 --time 12s --faults kill",
        "  ./chaos run target/chaos-runs/explore-seed-19/latest/explored-seed-19.yaml   (the minimal scenario alone)",
        "",
        "Exit codes: 0 nothing found, 1 a failure found (and shrunk), 2 usage (nothing started),",
        "3 stopped (Ctrl-C) or no run could judge anything, before any failure was found."})
final class ExploreCommand implements Callable<Integer> {
    static final Duration DEFAULT_TIME = Duration.ofSeconds(30);
    private static final int MAX_RUNS = 100_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Io io;

    @Option(names = "--topology", paramLabel = "T", completionCandidates = Candidates.Topologies.class,
        description = "single-region or multi-region (three regions), or a topology file. Default: multi-region.")
    String topology;

    @Option(names = "--backend", paramLabel = "local|docker", completionCandidates = Candidates.Backends.class,
        description = "How the staged exchange runs. Default: local.")
    String backend;

    @Option(names = "--weakness", paramLabel = "W", completionCandidates = Candidates.Weaknesses.class,
        description = "Switch one resilience mechanism of the staged exchange off: ${COMPLETION-CANDIDATES}. Default: none.")
    String weakness;

    @Option(names = "--seed", paramLabel = "N", required = true,
        description = "Seed of the schedules (and of each run's orders), 0 or more: the same seed gives the same schedules.")
    String seed;

    @Option(names = "--runs", paramLabel = "K", required = true,
        description = "How many random schedules to try at most before giving up (shrink runs not counted).")
    String runs;

    @Option(names = "--time", paramLabel = "DUR", description = "Length of each run's load, e.g. 30s or 2m. Default: 30s.")
    String time;

    @Option(names = "--faults", paramLabel = "KIND", split = ",",
        description = "Fault kinds to draw from, comma-separated. Default: kill, terminate, freeze, restart, latency, "
            + "blackhole, reset, partition. Also: bandwidth, slow-close, dns, dependency, config-push.")
    List<String> faults;

    @Option(names = "--rate", paramLabel = "ORDERS_PER_S", description = "Orders started per second. Default: 100.")
    String rate;

    @Option(names = "--max-steps", paramLabel = "N", description = "Most faults in one schedule (1 to 10). Default: 3.")
    String maxSteps;

    @Option(names = "--shrink-runs", paramLabel = "N",
        description = "Most runs the shrink may spend (0 or more); the smallest failure so far is kept. Default: 30.")
    String shrinkRuns;

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginPaths.DESCRIPTION)
    List<String> plugins = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where the exploration's directory goes. Default: target/chaos-runs.")
    String out;

    ExploreCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        RunFlags flags = new RunFlags();
        flags.topology = topology;
        flags.backend = backend;
        flags.weakness = weakness;
        flags.out = out;
        flags.seed = seed;
        flags.rate = rate;
        flags.duration = time;
        flags.plugins = plugins;
        RunSettings settings = RunSettings.check(flags, problems);
        long seedValue = settings == null ? 0 : settings.runOptions().seed().orElse(0);
        int runCount = count("--runs", runs, 1, MAX_RUNS, "e.g. --runs 20", problems).orElse(1);
        int steps = maxSteps == null ? 3 : count("--max-steps", maxSteps, 1, 10, "e.g. --max-steps 3", problems).orElse(3);
        int shrinkLimit = shrinkRuns == null ? 30
            : count("--shrink-runs", shrinkRuns, 0, MAX_RUNS, "e.g. --shrink-runs 30", problems).orElse(30);
        Duration load = time == null ? DEFAULT_TIME : Durations.parse(time).orElse(DEFAULT_TIME);
        if (time != null && Durations.parse(time).isPresent() && load.compareTo(ScheduleGenerator.MIN_LOAD) < 0) {
            problems.add("--time [" + time + "]: shorter than " + Durations.format(ScheduleGenerator.MIN_LOAD)
                + "; a fault needs room between the baseline and the recovery, e.g. --time 30s");
        }
        List<String> kinds = faults == null ? FaultMenu.DEFAULT_KINDS : faults.stream().map(String::trim).toList();
        for (String k : kinds) {
            if (!FaultMenu.EXPLORABLE.containsKey(k)) {
                List<String> known = List.copyOf(FaultMenu.EXPLORABLE.keySet());
                problems.add("--faults [" + k + "]: " + (FaultKinds.registered().byId(k).isPresent()
                    ? "a fault kind explore cannot build params for; use " + String.join(", ", known)
                    : "unknown fault kind; " + Suggestions.fix(k, known)));
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        RunOptions base = settings.runOptions();
        String backendName = base.backend();
        TopologyRef ref = base.topology().orElse(Topologies.MULTI_REGION);
        Weakness w = base.weakness().orElse(Weakness.NONE);
        Topology t;
        try {
            t = Topologies.load(Topologies.resolve(ref, null), w);
        } catch (IllegalStateException e) {
            throw new UsageException("--topology [" + ref + "]: " + e.getMessage());
        }
        FaultInjectors injectors = FaultInjectors.load();
        FaultMenu menu = FaultMenu.of(t, kinds, step -> (!(step.target() instanceof FaultTarget.BetweenTarget)
            || "docker".equals(backendName)) && injectors.all().stream()
            .anyMatch((FaultInjector i) -> i.handles(step.fault(), step.target(), backendName)));
        if (menu.isEmpty()) {
            throw new UsageException("--faults [" + String.join(",", kinds) + "]: no fault of these kinds applies to any "
                + "target of topology [" + t.name() + "] on backend [" + backendName + "]; name other kinds");
        }
        ExploredScenario template = new ExploredScenario(ref, w, base.rate().orElse(100.0), load);
        ScheduleGenerator generator = new ScheduleGenerator(menu, load, steps, seedValue);

        Path dir = settings.out().resolve("explore-seed-" + seedValue)
            .resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        Files.createDirectories(dir.resolve("schedules"));
        link(dir.getParent().resolve("latest"), dir.getFileName());
        RunOptions options = base.withOutRoot(dir.resolve("runs"));
        String command = command(seedValue, runCount, load, kinds, steps, shrinkLimit, ref, w, backendName, template.rate());
        io.out().println("Exploring: " + command);
        io.out().println("Exploration: " + RunSession.shown(dir));

        AtomicBoolean stopped = new AtomicBoolean();
        // between runs, Ctrl-C stops the exploration; during one, RunSession's own handler aborts that run first
        Interrupts.Handle signals = Interrupts.on(Interrupts.ABORTING, signal -> {
            stopped.set(true);
            io.err().println("\n" + (signal.equals("SIGINT") ? "Ctrl-C" : signal) + ": stopping the exploration; keeping what was found…");
        });
        Explorer.Outcome outcome;
        try {
            Explorer explorer = new Explorer(generator, new Shrinker(t), template::valid, runCount, shrinkLimit);
            outcome = explorer.explore((label, schedule) -> trial(dir, template, settings, options, seedValue, label, schedule, stopped),
                stopped::get, a -> io.out().println("== " + a.label() + ": " + a.result().verdict()
                    + (a.result().failedChecks().isEmpty() ? "" : " (" + String.join(", ", a.result().failedChecks()) + ")")
                    + (a.shrink() ? (a.kept() ? ", kept" : ", not kept") : "")));
        } finally {
            signals.restore();
        }

        Path scenarioFile = null;
        if (outcome.failureFound()) {
            String name = "explored-seed-" + seedValue;
            int index = outcome.attempts().stream().filter(a -> !a.shrink()).toList().size() - 1;
            Scenario minimal = template.with(name, "Found by ./chaos explore (schedule " + index + " of seed " + seedValue
                + "; reproduce the search with: " + command + "). It fails the check " + outcome.check()
                + ". Shrunk from " + outcome.found().size() + " to " + outcome.minimal().size()
                + (outcome.minimal().size() == 1 ? " step" : " steps") + ": " + ExplorationSummary.describe(outcome.minimal())
                + ".", outcome.minimal());
            scenarioFile = dir.resolve(name + ".yaml");
            Files.writeString(scenarioFile, ScenarioYaml.write(minimal));
            if (outcome.proof().runDir() != null) {
                link(dir.resolve("proof"), dir.toAbsolutePath().relativize(outcome.proof().runDir().toAbsolutePath()));
            }
        }
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, ExplorationSummary.markdown(command, outcome, scenarioFile,
            p -> dir.toAbsolutePath().relativize(p.toAbsolutePath()).toString()));
        io.out().println();
        if (outcome.failureFound()) {
            io.out().println("Found: " + outcome.check() + " fails with " + ExplorationSummary.describe(outcome.minimal())
                + (outcome.shrinkCapped() ? " (shrink stopped at --shrink-runs " + shrinkLimit + ")" : ""));
            io.out().println("Scenario: " + RunSession.shown(scenarioFile));
            io.out().println("Proof:    " + RunSession.shown(outcome.proof().runDir()));
        } else {
            io.out().println((outcome.stopped() ? "Stopped: " : "Nothing found: ") + outcome.attempts().size()
                + " schedule(s) tried, no failure");
        }
        io.out().println("Summary:  " + RunSession.shown(summary));
        if (outcome.failureFound()) {
            return ExitCodes.FAIL;
        }
        boolean judged = outcome.attempts().stream().anyMatch(a -> a.result().verdict() == Verdict.PASS);
        return outcome.stopped() || !judged ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
    }

    private Explorer.Result trial(Path dir, ExploredScenario template, RunSettings settings, RunOptions options,
                                  long seedValue, String label,
                                  List<TimelineStep> schedule, AtomicBoolean stopped) throws IOException {
        String slug = label.replace(' ', '-');
        Scenario s = template.with("explore-seed-" + seedValue + "-" + slug, "", schedule);
        Path file = dir.resolve("schedules").resolve(slug + ".yaml");
        Files.writeString(file, ScenarioYaml.write(s));
        // read back and checked as `run` checks a file: what runs is what the file says
        RunSettings.Prepared p = settings.prepare(ScenarioSource.resolve(file.toString()).source());
        io.out().println();
        io.out().println("Running " + label + ": " + ExplorationSummary.describe(schedule));
        LiveProgress progress = LiveProgress.forRun(io);
        RunOptions o = options.withProgress(progress);
        ScenarioRunner.Result result = RunSession.run(p, o, new ScenarioRunner(o), io, stopped);
        progress.finish();
        RunSession.printResult(result, io.out());
        RunOutcome outcome = result.outcome();
        List<String> failed = Stream.concat(
            outcome.invariants() == null ? Stream.empty() : outcome.invariants().stream()
                .filter(i -> i.verdict() == Verdict.FAIL).map(RunOutcome.InvariantResult::name),
            outcome.budgets() == null ? Stream.empty() : outcome.budgets().stream()
                .filter(b -> b.verdict() == Verdict.FAIL).map(RunOutcome.BudgetResult::name)).toList();
        return new Explorer.Result(outcome.verdict(), failed, result.runDir());
    }

    private static Optional<Integer> count(String option, String value, int min, int max, String example, List<String> problems) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // told below
        }
        problems.add(option + " [" + value + "]: not a whole number from " + min + " to " + max + "; " + example);
        return Optional.empty();
    }

    private static String command(long seed, int runs, Duration load, List<String> kinds, int steps, int shrink,
                                  TopologyRef ref, Weakness w, String backend, double rate) {
        StringBuilder b = new StringBuilder("./chaos explore --seed " + seed + " --runs " + runs + " --time "
            + Durations.format(load));
        if (!ref.equals(Topologies.MULTI_REGION)) {
            b.append(" --topology ").append(ref.spec());
        }
        if (w != Weakness.NONE) {
            b.append(" --weakness ").append(w.id());
        }
        if (!backend.equals("local")) {
            b.append(" --backend ").append(backend);
        }
        if (!kinds.equals(FaultMenu.DEFAULT_KINDS)) {
            b.append(" --faults ").append(String.join(",", kinds));
        }
        if (rate != 100.0) {
            b.append(" --rate ").append(rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate));
        }
        if (steps != 3) {
            b.append(" --max-steps ").append(steps);
        }
        if (shrink != 30) {
            b.append(" --shrink-runs ").append(shrink);
        }
        return b.toString();
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without links: the summary names the directories anyway
        }
    }
}
