package io.exchangechaos.cli;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.report.signing.VerifyingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a scenario (or the whole library) and prints the verdict and the report's path.",
        "Starts the staged exchange, waits for its steady state, drives the load while the timeline injects and heals "
            + "faults, reconciles every order, and judges the budgets and invariants.",
        "Live progress: a status line redrawn on a terminal (phase, elapsed/left, ok/s, errors/s, rolling p99, active "
            + "faults), one plain line every 5 s elsewhere. Ctrl-C, SIGTERM or SIGHUP aborts cleanly: faults healed, report "
            + "written, verdict ABORTED, exit 3.",
        "A fault not in effect 5 s after its offset is given up and reported as not applied: the run is INCONCLUSIVE."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./chaos run region-loss",
        "  ./chaos run region-loss --duration 60s --rate 60 --seed 7",
        "  ./chaos run my-scenarios/venue-outage.yaml --topology single-region",
        "  ./chaos run dns-empty-record --weakness no-dns-cache",
        "        (expect FAIL: the harness catches the missing DNS cache)",
        "  ./chaos run region-loss --dry-run         (print the plan, start nothing)",
        "  ./chaos run --all --out build/chaos-runs  (the library, then a table)",
        "",
        "Exit codes: 0 PASS, 1 FAIL, 2 usage or definition error (nothing started),",
        "3 INCONCLUSIVE or ABORTED; with --all, the worst verdict's."})
final class RunCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(arity = "0..1", paramLabel = "NAME|FILE", completionCandidates = Candidates.Scenarios.class,
        description = "A library scenario (./chaos list) or a scenario file.")
    String scenario;

    @Option(names = "--all", description = "Run every library scenario in turn, then print a table of verdicts.")
    boolean all;

    @Option(names = "--dry-run", description = "Check everything and print the plan (faults with targets and times, load, "
        + "budgets, invariants); start nothing.")
    boolean dryRun;

    @Mixin
    RunFlags flags = new RunFlags();

    RunCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        List<ScenarioSource> sources = new ArrayList<>();
        if (all && scenario != null) {
            problems.add("run: pass a scenario or --all, not both");
        } else if (all) {
            Library.names().forEach(n -> sources.add(ScenarioSource.resolve(n).source()));
        } else if (scenario == null) {
            problems.add("run: name a scenario (./chaos list shows the library) or a scenario file, or pass --all");
        } else {
            ScenarioSource.Resolved r = ScenarioSource.resolve(scenario);
            if (r.problem() != null) {
                problems.add(r.problem());
            } else {
                sources.add(r.source());
            }
        }
        RunSettings settings = RunSettings.check(flags, problems);
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        // every scenario is read and checked before the first one starts
        List<RunSettings.Prepared> prepared = new ArrayList<>();
        for (ScenarioSource s : sources) {
            prepared.add(settings.prepare(s));
        }
        settings.warnings().forEach(io.err()::println);
        Optional<String> signing = settings.signingKey().map(k -> "Signing: each run's manifest with key id " + k.keyId()
            + " (" + VerifyingKey.ALGORITHM + "); check it with ./chaos report verify RUN_DIR --key PUBLIC_KEY");
        if (dryRun) {
            for (RunSettings.Prepared p : prepared) {
                io.out().println(Plan.render(p));
            }
            signing.ifPresent(io.out()::println);
            io.out().println("Dry run: nothing was started. Drop --dry-run to run it.");
            return ExitCodes.OK;
        }
        prepared.stream().map(Plan::rootWarning).flatMap(Optional::stream).findFirst()
            .ifPresent(io.err()::println);
        signing.ifPresent(io.out()::println);
        AtomicBoolean interrupted = new AtomicBoolean();
        List<ScenarioRunner.Result> results = new ArrayList<>();
        for (RunSettings.Prepared p : prepared) {
            if (interrupted.get()) {
                break;
            }
            io.out().println("Running " + p.effective().name() + (p.effective().incident().isEmpty() ? ""
                : " (replays: " + p.effective().incident() + ")"));
            io.out().println("Adapter: " + Plan.adapter(p.topology()));
            LiveProgress progress = LiveProgress.forRun(io);
            RunOptions options = settings.runOptions().withProgress(progress);
            ScenarioRunner runner = new ScenarioRunner(options);
            ScenarioRunner.Result result = RunSession.run(p, options, runner, io, interrupted);
            progress.finish();
            RunSession.printResult(result, io.out());
            RunSession.printSignature(result, io.out());
            results.add(result);
        }
        if (all) {
            io.out().println();
            io.out().print(VerdictTable.render(prepared, results));
        }
        return Verdict.merge(results.stream().map(r -> r.outcome().verdict()).toList()).exitCode();
    }
}
