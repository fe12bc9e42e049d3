package io.exchangechaos.fault.process;

import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.ledger.ProcStat;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One service process of the local backend: how it was started ({@link ProcessSpec}) and the process running now,
 * which changes when {@link ProcessControl} restarts it after a kill.
 *
 * <p>A process {@link #start started} here is written to the fault ledger (as {@code process.run}, with a stop
 * recipe) before it is launched, so {@code ./chaos cleanup} stops it if the run crashes; {@link #close()} stops it and
 * marks that entry healed. A process {@link #adopt adopted} (started by someone else, e.g. {@code ./chaos stack up})
 * is never stopped by cleanup.
 */
public final class ManagedProcess implements AutoCloseable {
    /** The kernel measures start times in ticks and boot time in seconds: allow for both when matching. */
    private static final Duration START_SLACK = Duration.ofSeconds(2);

    private final ProcessSpec spec;
    private final FaultRecorder recorder;
    private Process process;
    private long pid;
    private long startTicks;
    /** The ledger entry that will stop the current process; null for an adopted one. */
    private InjectedFault lease;

    private ManagedProcess(ProcessSpec spec, FaultRecorder recorder) {
        this.spec = spec;
        this.recorder = recorder;
    }

    /** Records a stop recipe, launches {@code spec} with output appended to its log, and records the pid. */
    public static ManagedProcess start(ProcessSpec spec, FaultRecorder recorder) {
        ManagedProcess managed = new ManagedProcess(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(recorder, "recorder"));
        managed.launch();
        return managed;
    }

    /** A process started elsewhere, running {@code spec}'s command as {@code pid}; restartable, never stopped by cleanup. */
    public static ManagedProcess adopt(ProcessSpec spec, long pid, FaultRecorder recorder) {
        ManagedProcess managed = new ManagedProcess(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(recorder, "recorder"));
        managed.pid = pid;
        managed.startTicks = ProcStat.startTicks(pid).orElseThrow(() -> new IllegalArgumentException(
            "cannot adopt [" + spec.name() + "]: no process with pid " + pid + " is running"));
        return managed;
    }

    public ProcessSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public synchronized long pid() {
        return pid;
    }

    /** Field 22 of {@code /proc/PID/stat}: with the pid, the identity of the current process. */
    public synchronized long startTicks() {
        return startTicks;
    }

    /** The live {@link Process} when this JVM started it. */
    public synchronized Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /** Whether this process (not a later one that got its pid) runs; a frozen process runs. */
    public synchronized boolean isAlive() {
        return ProcStat.isAlive(pid, startTicks);
    }

    /** The ledger id of the entry that stops the current process; empty when adopted. */
    public synchronized Optional<String> ledgerId() {
        return lease == null ? Optional.empty() : Optional.of(lease.id());
    }

    /** Waits up to {@code timeout} for the current process to end; true when it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Starts the same command again, unless it is still running; an owned process gets a new ledger entry. */
    synchronized HealResult restart() throws IOException {
        if (isAlive()) {
            return HealResult.alreadyGone(name() + " is running (pid " + pid + ")");
        }
        long old = pid;
        if (lease != null) {
            lease.close();  // the old process is gone: its stop recipe is done
            launch();
        } else {
            process = spec.launch();
            pid = process.pid();
            startTicks = ProcStat.startTicks(pid).orElse(0);
        }
        return HealResult.healed("restarted " + name() + ": pid " + old + " -> " + pid);
    }

    /** Stops the process (SIGTERM, SIGKILL after the healer's grace) and marks its ledger entry healed. */
    public synchronized void stop() {
        if (lease != null) {
            lease.close();
        } else {
            HealResult r = recorder.healer().healStep(new ProcessRecipes.StopProcess(name(), pid, startTicks, spec.command(), 0));
            if (!r.isHealthy()) {
                throw new IllegalStateException("cannot stop " + name() + ": " + r.detail());
            }
        }
    }

    /** Stops the process if this JVM started it; an adopted process is left running. */
    @Override
    public void close() {
        if (lease != null) {
            stop();
        }
    }

    private void launch() {
        long notBefore = Instant.now().minus(START_SLACK).toEpochMilli();
        FaultRecorder.Plan plan = recorder.plan("process.run", "process " + name(),
            id -> new ProcessRecipes.StopProcess(name(), 0, 0, spec.command(), notBefore));
        lease = recorder.inject(plan, refine -> {
            process = spec.launch();
            pid = process.pid();
            startTicks = ProcStat.startTicks(pid).orElse(0);
            refine.recipe(new ProcessRecipes.StopProcess(name(), pid, startTicks, spec.command(), notBefore));
        }, recipe -> recorder.healer().heal(recipe));
    }

    @Override
    public synchronized String toString() {
        return "ManagedProcess[" + name() + " pid " + pid + "]";
    }
}
