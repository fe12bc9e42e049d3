package io.exchangechaos.cli;

import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.topology.TopologyDefinitionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code chaos} command: {@code ./chaos --help} lists the commands, {@code ./chaos COMMAND --help} each one's options. */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) {
        // the CLI's own logging: only what went wrong, on stderr (harness-core's logback.xml is for its tests)
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "chaos-logback.xml");
        }
        System.exit(execute(Io.system(), args));
    }

    /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
    static int execute(Io io, String... args) {
        return commandLine(io).execute(args);
    }

    /** The whole command tree, wired to {@code io}: what {@link #execute} runs and what completion is generated from. */
    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new ChaosCommand())
            .addSubcommand(new ListCommand(io))
            .addSubcommand(new ValidateCommand(io))
            .addSubcommand(new RunCommand(io))
            .addSubcommand(new GamedayCommand(io))
            .addSubcommand(new ExploreCommand(io))
            .addSubcommand(new CommandLine(new StackCommand()).addSubcommand(new StackCommand.Up(io)))
            .addSubcommand(new ProxyServerCommand(io))
            .addSubcommand(new CommandLine(new ReportCommand()).addSubcommand(new ReportCommand.Verify(io))
                .addSubcommand(new ReportCommand.Pdf(io)))
            .addSubcommand(new CommandLine(new KeysCommand()).addSubcommand(new KeysCommand.Init(io)))
            .addSubcommand(new PluginsCommand(io))
            .addSubcommand(new CleanupCommand(io));
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler(ChaosMain::badCommandLine);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failed(e, line));
        return cl;
    }

    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        String name = line.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See ./" + name + " --help for the options and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** {@code [path]: reason}, from what the file system said. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return "[" + f.getFile() + "]: " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static int failed(Exception e, CommandLine line) {
        PrintWriter err = line.getErr();
        if (e instanceof UsageException u) {
            u.problems().forEach(err::println);
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof ScenarioDefinitionException || e instanceof TopologyDefinitionException) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            // a disk full, a directory that vanished: the user's to fix, told without a stack trace
            IOException io = e instanceof IOException i ? i : ((UncheckedIOException) e).getCause();
            err.println(line.getCommandSpec().qualifiedName() + ": cannot write: " + describe(io)
                + "; free space there or pass --out on another disk, then run it again.");
            err.println("Nothing is known about the exchange from this; if a run was under way, ./chaos cleanup heals what it left.");
            err.flush();
            return ExitCodes.INCONCLUSIVE;
        }
        err.println(line.getCommandSpec().qualifiedName() + ": the harness failed: " + e);
        e.printStackTrace(err);
        err.println("Nothing is known about the exchange from this; if a run was under way, ./chaos cleanup heals what it left.");
        err.flush();
        return ExitCodes.INCONCLUSIVE;
    }
}
