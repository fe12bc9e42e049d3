package io.exchangechaos.cli;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gameday", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a scenario as an interactive game-day runbook; notes go into the report.",
        "Before each fault the operator sees the fault, its target and the expected effect, and answers at the prompt:",
        "  y or Enter   inject it",
        "  skip         leave this step out",
        "  abort        the big red button: stop, heal every fault at once, write the report (verdict ABORTED)",
        "  note TEXT    a note stamped with the time, into the report (at any time, not only at a prompt)",
        "abort also works at any time while the load runs. Every answer and note is in the report."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./chaos gameday region-loss",
        "  ./chaos gameday wan-degradation --duration 2m",
        "",
        "Exit codes: as run: 0 PASS, 1 FAIL, 2 usage or definition error,",
        "3 INCONCLUSIVE or ABORTED."})
final class GamedayCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "NAME|FILE", completionCandidates = Candidates.Scenarios.class,
        description = "A library scenario (./chaos list) or a scenario file.")
    String scenario;

    @Mixin
    RunFlags flags = new RunFlags();

    GamedayCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        ScenarioSource.Resolved r = ScenarioSource.resolve(scenario);
        if (r.problem() != null) {
            problems.add(r.problem());
        }
        RunSettings settings = RunSettings.check(flags, problems);
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        RunSettings.Prepared p = settings.prepare(r.source());

        settings.warnings().forEach(io.err()::println);
        Plan.rootWarning(p).ifPresent(io.err()::println);
        io.out().println("GAME DAY: " + p.effective().name());
        io.out().println(Plan.render(p));
        settings.signingKey().ifPresent(k -> io.out().println("Signing: the run's manifest with key id " + k.keyId()));
        io.out().println("At each step: " + OperatorGate.ANSWERS + ".");
        io.out().println("At any time: note TEXT (into the report), abort (heal everything now).");
        io.out().println();

        AtomicReference<ScenarioRunner> runnerRef = new AtomicReference<>();
        OperatorGate gate = new OperatorGate(new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)),
            io.out(), Clock.systemUTC(), System.getProperty("user.name", "operator"), p.effective(),
            reason -> runnerRef.get().abort(reason));
        LiveProgress progress = LiveProgress.forGameday(io, gate::prompting);
        RunOptions options = settings.runOptions().withProgress(progress).withGate(gate);
        ScenarioRunner runner = new ScenarioRunner(options);
        runnerRef.set(runner);
        gate.listen();
        ScenarioRunner.Result result = RunSession.run(p, options, runner, io, new AtomicBoolean());
        progress.finish();
        RunSession.printResult(result, io.out());
        RunSession.printSignature(result, io.out());
        io.out().println("Operator log: " + result.outcome().notes().size() + " entries in the report's Notes.");
        return result.outcome().verdict().exitCode();
    }
}
