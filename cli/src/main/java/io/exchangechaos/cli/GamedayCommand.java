package io.exchangechaos.cli;

import io.exchangechaos.core.run.ProgressListener;
import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gameday", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a scenario as an interactive game-day runbook; notes go into the report.",
        "Before each fault the operator sees the fault, its target and the expected effect, and answers at the prompt:",
        "  y or Enter   inject it",
        "  skip         leave this step out",
        "  abort        the big red button: stop, heal every fault at once, write the report (verdict ABORTED)",
        "  note TEXT    a note stamped with the time, into the report (at any time, not only at a prompt)",
        "abort also works at any time while the load runs. Every answer and note is in the report.",
        "With --web, the room joins in a browser: it serves a console on 127.0.0.1 (live charts with the fault windows, the"
            + " runbook as step cards with Proceed / Skip / Abort, a red button that heals everything, notes, participants"
            + " with their roles, decisions timed from the fault) and prints one line: console: URL. The URL's token"
            + " lets a browser answer; without the token the page is view only. The terminal answers as before."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./chaos gameday region-loss",
        "  ./chaos gameday wan-degradation --duration 2m",
        "  ./chaos gameday region-loss --web --port 8480",
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

    @Option(names = "--web", description = "Also serve the game day's web console for the room; prints console: URL.")
    boolean web;

    @Option(names = "--port", paramLabel = "P", description = "Port of the web console (with --web). Default: a free one.")
    String port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
        description = "Address the web console listens on (with --web). Default: 127.0.0.1, this machine only; any other"
            + " needs --allow-remote-targets, as everyone who reaches it can watch the run.")
    String bind;

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
        InetSocketAddress consoleAddress = consoleAddress(problems);
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        RunSettings.Prepared p = settings.prepare(r.source());
        AtomicReference<ScenarioRunner> runnerRef = new AtomicReference<>();
        OperatorGate gate = new OperatorGate(new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)),
            io.out(), Clock.systemUTC(), System.getProperty("user.name", "operator"), p.effective(),
            reason -> {
                ScenarioRunner runner = runnerRef.get();
                if (runner != null) {
                    runner.abort(reason);
                }
            });
        // before anything is printed or started: a port in use is a usage error like any other
        WebConsole console = consoleAddress == null ? null : startConsole(consoleAddress, gate, p);

        settings.warnings().forEach(io.err()::println);
        Plan.rootWarning(p).ifPresent(io.err()::println);
        io.out().println("GAME DAY: " + p.effective().name());
        io.out().println(Plan.render(p));
        settings.signingKey().ifPresent(k -> io.out().println("Signing: the run's manifest with key id " + k.keyId()));
        io.out().println("At each step: " + OperatorGate.ANSWERS + ".");
        io.out().println("At any time: note TEXT (into the report), abort (heal everything now).");
        if (console != null) {
            io.out().println("The room: open the console line's link in a browser; its token lets the page answer the"
                + " steps, and without it the page is view only.");
            io.out().println("console: " + console.url());
        }
        io.out().println();

        LiveProgress progress = LiveProgress.forGameday(io, gate::prompting);
        try {
            RunOptions options = settings.runOptions().withProgress(console == null ? progress : both(progress, console))
                .withGate(gate);
            ScenarioRunner runner = new ScenarioRunner(options);
            runnerRef.set(runner);
            if (gate.aborted()) {
                // the red button was pressed in a browser before the runner existed
                runner.abort("the red button was pressed before the run started");
            }
            gate.listen();
            ScenarioRunner.Result result = RunSession.run(p, options, runner, io, new AtomicBoolean());
            progress.finish();
            if (console != null) {
                console.finished(result.outcome(), RunSession.shown(result.runDir().resolve("report.html")).toString());
            }
            RunSession.printResult(result, io.out());
            RunSession.printSignature(result, io.out());
            io.out().println("Operator log: " + result.outcome().notes().size() + " entries in the report's Notes"
                + (console == null ? "." : ", " + count(result.outcome().participants().size(), "participant") + " and "
                + count(result.outcome().decisions().size(), "decision") + " in its Game day room."));
            return result.outcome().verdict().exitCode();
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** Where the console listens, checked; null without --web. Adds a problem for each wrong value. */
    private InetSocketAddress consoleAddress(List<String> problems) {
        if (!web) {
            if (port != null || bind != null) {
                problems.add((port != null ? "--port" : "--bind") + ": only with --web; add --web to serve the console");
            }
            return null;
        }
        int p = 0;
        if (port != null) {
            try {
                p = Integer.parseInt(port.trim());
                if (p < 1 || p > 65_535) {
                    problems.add("--port [" + port + "]: out of range; pass a port from 1 to 65535, or leave --port out"
                        + " for a free one");
                }
            } catch (NumberFormatException e) {
                problems.add("--port [" + port + "]: not a port number; pass one from 1 to 65535, e.g. --port 8480");
            }
        }
        String host = bind == null ? "127.0.0.1" : bind.trim();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            problems.add("--bind [" + bind + "]: no such address on this machine; leave --bind out for 127.0.0.1");
            return null;
        }
        if (!address.isLoopbackAddress() && !flags.allowRemoteTargets) {
            problems.add("--bind [" + bind + "]: not a loopback address, so anyone who can reach this machine could watch"
                + " the run; leave --bind out for 127.0.0.1, or add --allow-remote-targets to serve the console there");
        }
        return new InetSocketAddress(address, p);
    }

    /** Starts the console before anything else: a port in use is a usage error, with nothing started. */
    private WebConsole startConsole(InetSocketAddress address, OperatorGate gate, RunSettings.Prepared p) {
        WebConsole console;
        try {
            console = WebConsole.start(address, gate, p.effective(), Clock.systemUTC());
        } catch (BindException e) {
            throw new UsageException("--port [" + address.getPort() + "]: cannot listen on " + address.getAddress()
                .getHostAddress() + ":" + address.getPort() + " (" + e.getMessage() + "); pick another port, or leave --port"
                + " out for a free one");
        } catch (IOException e) {
            throw new UsageException("--web: cannot start the console on " + address + ": " + e.getMessage());
        }
        return console;
    }

    private static ProgressListener both(ProgressListener first, ProgressListener second) {
        return new ProgressListener() {
            @Override
            public void stage(String stage) {
                first.stage(stage);
                second.stage(stage);
            }

            @Override
            public void tick(Tick tick) {
                first.tick(tick);
                second.tick(tick);
            }

            @Override
            public void event(String message) {
                first.event(message);
                second.event(message);
            }
        };
    }
}
