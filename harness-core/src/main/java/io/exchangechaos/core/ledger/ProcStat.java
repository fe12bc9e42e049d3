package io.exchangechaos.core.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code /proc/PID/stat} says about a process. A pid alone is not an identity: the kernel recycles pids, so
 * every recipe that signals a pid also carries the start time read here, and a mismatch means "not ours".
 */
public final class ProcStat {
    private ProcStat() {
    }

    /** Field 22, start time in clock ticks since boot; empty when there is no such process (or no /proc). */
    public static OptionalLong startTicks(long pid) {
        return fields(pid).map(f -> OptionalLong.of(Long.parseLong(f[19]))).orElse(OptionalLong.empty());
    }

    /** Field 3: R running, S sleeping, T stopped, Z zombie, ...; empty when there is no such process. */
    public static Optional<Character> state(long pid) {
        return fields(pid).map(f -> f[0].charAt(0));
    }

    /** True when {@code pid} runs and, if {@code startTicks} is not 0, started at that tick; zombies are dead. */
    public static boolean isAlive(long pid, long startTicks) {
        Optional<String[]> fields = fields(pid);
        if (fields.isEmpty()) {
            return !Files.isDirectory(Path.of("/proc/self")) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String[] f = fields.get();
        if (f[0].charAt(0) == 'Z' || f[0].charAt(0) == 'X') {
            return false;
        }
        return startTicks == 0 || Long.parseLong(f[19]) == startTicks;
    }

    /** True when the process is stopped by a signal (SIGSTOP), i.e. frozen. */
    public static boolean isStopped(long pid) {
        return state(pid).map(s -> s == 'T' || s == 't').orElse(false);
    }

    /** The fields after the command name, so index 0 is field 3 (state) and index 19 is field 22 (starttime). */
    private static Optional<String[]> fields(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = text.substring(close + 2).trim().split(" ");
        return f.length > 19 ? Optional.of(f) : Optional.empty();
    }
}
