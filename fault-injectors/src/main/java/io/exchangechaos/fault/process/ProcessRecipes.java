package io.exchangechaos.fault.process;

import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.ProcStat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The heal recipes of local processes (frozen, killed, started by a run), and how each heals with signals. */
public final class ProcessRecipes {

    private ProcessRecipes() {
    }

    /**
     * Send SIGCONT to a frozen process. {@code startTicks} is field 22 of {@code /proc/PID/stat}: a pid recycled by
     * another process has another start time and is left alone.
     */
    public record ThawProcess(String name, long pid, long startTicks) implements HealRecipe {
    }

    /**
     * Start a killed service again with the same command line, output appended to its log. {@code startedBy} is the
     * ledger id of the entry that started the process when the harness started it (else null): if that entry is
     * itself being cleaned up, the run that owned the service is gone and the service is not brought back.
     */
    public record RestartProcess(String name, List<String> command, String workingDir, Map<String, String> environment,
                                 String logFile, String startedBy) implements HealRecipe {
        public RestartProcess {
            command = List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /**
     * Stop a process a run started: SIGTERM, then SIGKILL after a grace period. {@code pid} 0 means the run
     * crashed between recording the intent and learning the pid; then the process is found by its exact command
     * line and a start no earlier than {@code notBeforeEpochMs}.
     */
    public record StopProcess(String name, long pid, long startTicks, List<String> command, long notBeforeEpochMs)
        implements HealRecipe {
        public StopProcess {
            command = List.copyOf(command);
        }
    }

    /** {@code thaw-process}: first, as nothing else can be checked while a process hangs. */
    public static final class ThawProcessKind extends HealRecipeKind.Basic<ThawProcess> {
        public ThawProcessKind() {
            super("thaw-process", ThawProcess.class, 0);
        }

        @Override
        public HealResult heal(ThawProcess r, HealContext cx) throws IOException {
            if (!ProcStat.isAlive(r.pid(), r.startTicks())) {
                return HealResult.alreadyGone(r.name() + " (pid " + r.pid() + ") is no longer running");
            }
            boolean wasFrozen = ProcStat.isStopped(r.pid());
            Signals.cont(r.pid());
            return wasFrozen
                ? HealResult.healed("thawed " + r.name() + " (pid " + r.pid() + ")")
                : HealResult.alreadyGone(r.name() + " (pid " + r.pid() + ") was not frozen; sent SIGCONT anyway");
        }
    }

    /** {@code restart-process}. */
    public static final class RestartProcessKind extends HealRecipeKind.Basic<RestartProcess> {
        public RestartProcessKind() {
            super("restart-process", RestartProcess.class, 1);
        }

        @Override
        public HealResult heal(RestartProcess r, HealContext cx) throws IOException {
            Optional<ProcessHandle> running = ProcessFinder.byCommand(r.command(), Instant.EPOCH);
            if (running.isPresent()) {
                return HealResult.alreadyGone(r.name() + " already runs the same command as pid " + running.get().pid());
            }
            ProcessSpec spec = new ProcessSpec(r.name(), r.command(), r.workingDir() == null ? null : Path.of(r.workingDir()),
                r.environment(), Path.of(r.logFile()));
            Process process = spec.launch();
            return HealResult.healed("restarted " + r.name() + " as pid " + process.pid() + ", log " + r.logFile());
        }

        /** A service the crashed run had started is not brought back once that run's own entry is being healed. */
        @Override
        public Optional<String> obsolete(RestartProcess r, Set<String> over) {
            return r.startedBy() != null && over.contains(r.startedBy())
                ? Optional.of(r.name() + " not restarted: the run that started it (" + r.startedBy()
                    + ") is over or being cleaned up")
                : Optional.empty();
        }
    }

    /** {@code stop-process}: last, with the other things a run started. */
    public static final class StopProcessKind extends HealRecipeKind.Basic<StopProcess> {
        public StopProcessKind() {
            super("stop-process", StopProcess.class, 7);
        }

        @Override
        public HealResult heal(StopProcess r, HealContext cx) throws IOException, InterruptedException {
            long pid = r.pid();
            long ticks = r.startTicks();
            if (pid == 0) {
                Optional<ProcessHandle> found = ProcessFinder.byCommand(r.command(), Instant.ofEpochMilli(r.notBeforeEpochMs()));
                if (found.isEmpty()) {
                    return HealResult.alreadyGone(r.name() + " never started or is gone (no process runs " + r.command() + ")");
                }
                pid = found.get().pid();
                ticks = ProcStat.startTicks(pid).orElse(0);
            }
            if (!ProcStat.isAlive(pid, ticks)) {
                return HealResult.alreadyGone(r.name() + " (pid " + pid + ") is no longer running");
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            List<ProcessHandle> descendants = handle.map(h -> h.descendants().toList()).orElse(List.of());
            if (ProcStat.isStopped(pid)) {
                Signals.cont(pid);  // a frozen process cannot act on SIGTERM
            }
            handle.ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + cx.stopGrace().toNanos();
            while (ProcStat.isAlive(pid, ticks) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String how = "SIGTERM";
            if (ProcStat.isAlive(pid, ticks)) {
                handle.ifPresent(ProcessHandle::destroyForcibly);
                how = "SIGKILL after " + cx.stopGrace().toMillis() + " ms";
                long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (ProcStat.isAlive(pid, ticks) && System.nanoTime() < killDeadline) {
                    Thread.sleep(20);
                }
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (ProcStat.isAlive(pid, ticks)) {
                return HealResult.failed(r.name() + " (pid " + pid + ") still runs after SIGKILL");
            }
            return HealResult.healed("stopped " + r.name() + " (pid " + pid + ", " + how + ")");
        }
    }
}
