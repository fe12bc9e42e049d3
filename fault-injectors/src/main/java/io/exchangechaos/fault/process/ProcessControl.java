package io.exchangechaos.fault.process;

import io.exchangechaos.core.ledger.FaultInjectionException;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.ledger.ProcStat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Process faults for the local backend, on one service or a whole group (a region). A kill or terminate heals by
 * starting the same command line again; a freeze (SIGSTOP) heals by SIGCONT, also from the ledger after a crash.
 *
 * <pre>{@code
 * ProcessControl control = new ProcessControl(recorder);
 * try (InjectedFault regionDown = control.kill(ProcessGroup.of("region r1", List.of(engineR1, gatewayR1)))) {
 *     awaitFailover();
 * }   // both restarted here
 * }</pre>
 */
public final class ProcessControl {
    /** How long a terminated process gets to exit before its heal kills it and starts it again. */
    public static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final FaultRecorder recorder;

    public ProcessControl(FaultRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** SIGKILL; returns once the process is gone. Heals by restarting it. */
    public InjectedFault kill(ManagedProcess process) {
        return kill(ProcessGroup.of(process));
    }

    public InjectedFault kill(ProcessGroup group) {
        return stopAndRestart("process.kill", group, true);
    }

    /** SIGTERM; the process may shut down gracefully. Heals by restarting it (killing it first if it lingers). */
    public InjectedFault terminate(ManagedProcess process) {
        return terminate(ProcessGroup.of(process));
    }

    public InjectedFault terminate(ProcessGroup group) {
        return stopAndRestart("process.terminate", group, false);
    }

    /** SIGSTOP: the process stays, holding its sockets, and does nothing. Heals by SIGCONT. */
    public InjectedFault freeze(ManagedProcess process) {
        return freeze(ProcessGroup.of(process));
    }

    public InjectedFault freeze(ProcessGroup group) {
        requireAlive(group, "freeze");
        List<HealRecipe> thaws = new ArrayList<>();
        for (ManagedProcess p : group.members()) {
            thaws.add(new ProcessRecipes.ThawProcess(p.name(), p.pid(), p.startTicks()));
        }
        FaultRecorder.Plan plan = recorder.plan("process.freeze", group.name(), id -> one(thaws));
        // the signaller is started before the fault is recorded: at its moment only a pipe write is left to do
        Signals.Armed stop;
        try {
            stop = Signals.arm("STOP", pids(group));
        } catch (IOException e) {
            throw new FaultInjectionException("could not prepare SIGSTOP for " + group.name() + ": " + e.getMessage(), e);
        }
        try {
            return recorder.inject(plan, refine -> stop.fire());
        } finally {
            stop.close();
        }
    }

    /** SIGCONT now. Closing the freeze's {@link InjectedFault} is the way to heal it; this is for a process frozen by hand. */
    public void thaw(ManagedProcess process) throws IOException {
        if (process.isAlive()) {
            Signals.cont(process.pid());
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL) and starts the same command line again; not a fault. */
    public void restart(ManagedProcess process) throws IOException, InterruptedException {
        if (process.isAlive()) {
            if (ProcStat.isStopped(process.pid())) {
                Signals.cont(process.pid());
            }
            Signals.term(process.pid());
            if (!process.awaitExit(EXIT_TIMEOUT)) {
                Signals.kill(process.pid());
                process.awaitExit(EXIT_TIMEOUT);
            }
        }
        HealResult r = process.restart();
        if (!r.isHealthy()) {
            throw new IOException("cannot restart " + process.name() + ": " + r.detail());
        }
    }

    private InjectedFault stopAndRestart(String type, ProcessGroup group, boolean kill) {
        requireAlive(group, kill ? "kill" : "terminate");
        List<HealRecipe> restarts = new ArrayList<>();
        for (ManagedProcess p : group.members()) {
            ProcessSpec s = p.spec();
            restarts.add(new ProcessRecipes.RestartProcess(p.name(), s.command(),
                s.workingDir() == null ? null : s.workingDir().toString(), s.environment(), s.logFile().toString(),
                p.ledgerId().orElse(null)));
        }
        FaultRecorder.Plan plan = recorder.plan(type, group.name(), id -> one(restarts));
        InjectedFault fault = recorder.inject(plan, refine -> {
            if (kill) {
                Signals.send("KILL", pids(group));
            } else {
                // a frozen process would sit on SIGTERM forever
                Signals.send("CONT", group.members().stream().filter(p -> ProcStat.isStopped(p.pid()))
                    .map(ManagedProcess::pid).toList());
                Signals.send("TERM", pids(group));
            }
        }, recipe -> restartAll(group));
        if (kill) {
            // in effect once sent (appliedAt); returns once gone, which on a loaded machine takes a while longer
            try {
                for (ManagedProcess p : group.members()) {
                    if (!p.awaitExit(EXIT_TIMEOUT)) {
                        HealResult undo = fault.heal();
                        throw new FaultInjectionException(p.name() + " (pid " + p.pid() + ") still runs "
                            + EXIT_TIMEOUT.toSeconds() + " s after SIGKILL; undo: " + undo, null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaultInjectionException("interrupted waiting for " + group.name() + " to exit after SIGKILL;"
                    + " the fault stays in force: " + fault.id(), e);
            }
        }
        return fault;
    }

    private static List<Long> pids(ProcessGroup group) {
        return group.members().stream().map(ManagedProcess::pid).toList();
    }

    private static HealResult restartAll(ProcessGroup group) throws IOException, InterruptedException {
        List<HealResult> results = new ArrayList<>();
        for (ManagedProcess p : group.members()) {
            if (p.isAlive() && !p.awaitExit(EXIT_TIMEOUT)) {
                Signals.kill(p.pid());
                p.awaitExit(EXIT_TIMEOUT);
            }
            results.add(p.restart());
        }
        return HealResult.merge(results);
    }

    private static void requireAlive(ProcessGroup group, String verb) {
        for (ManagedProcess p : group.members()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("cannot " + verb + " " + group.name() + ": " + p.name() + " (pid "
                    + p.pid() + ") is not running; start it first or leave it out of the group");
            }
        }
    }

    private static HealRecipe one(List<HealRecipe> recipes) {
        return recipes.size() == 1 ? recipes.get(0) : new HealRecipe.All(recipes);
    }
}
