package io.exchangechaos.fault.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds a running process by its exact command line, for recipes whose pid was never learned. */
public final class ProcessFinder {
    private ProcessFinder() {
    }

    /** The oldest live process whose command line is exactly {@code command} and that started at or after {@code notBefore}. */
    public static Optional<ProcessHandle> byCommand(List<String> command, Instant notBefore) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
            .filter(p -> p.pid() != self && p.isAlive())
            .filter(p -> matches(p, command))
            .filter(p -> p.info().startInstant().map(s -> !s.isBefore(notBefore)).orElse(true))
            .min((a, b) -> a.info().startInstant().orElse(Instant.EPOCH).compareTo(b.info().startInstant().orElse(Instant.EPOCH)));
    }

    /** The command line as the process was started ({@code /proc/PID/cmdline}); empty when unreadable. */
    public static Optional<List<String>> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) {
                return Optional.empty();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return Optional.of(List.of(text.split("\0", -1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(ProcessHandle p, List<String> command) {
        Optional<List<String>> cmdline = commandLine(p.pid());
        if (cmdline.isPresent()) {
            return cmdline.get().equals(command);
        }
        // No /proc: the JDK's view, whose program is the resolved executable path.
        Optional<String> program = p.info().command();
        Optional<String[]> args = p.info().arguments();
        if (program.isEmpty() || args.isEmpty() || args.get().length != command.size() - 1) {
            return false;
        }
        String first = command.get(0);
        boolean sameProgram = program.get().equals(first) || program.get().endsWith("/" + first);
        return sameProgram && List.of(args.get()).equals(command.subList(1, command.size()));
    }
}
