package io.exchangechaos.fault.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.core.ledger.ProcStat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessControlIT {
    @TempDir
    Path dir;

    FaultLedger ledger;
    FaultRecorder recorder;
    ProcessControl control;
    final List<Long> spawned = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        recorder = FaultRecorder.using(ledger);
        control = new ProcessControl(recorder);
    }

    /** And waits for them: one still writing its heartbeat while JUnit deletes the temporary directory fails the test. */
    @AfterEach
    void killEverythingWeStarted() throws Exception {
        List<ProcessHandle> dying = new ArrayList<>();
        for (long pid : spawned) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(d -> {
                    d.destroyForcibly();
                    dying.add(d);
                });
                p.destroyForcibly();
                dying.add(p);
            });
        }
        for (ProcessHandle p : dying) {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private ManagedProcess heartbeat(String name) {
        Path beat = dir.resolve(name + ".beat");
        ManagedProcess p = ManagedProcess.start(ProcessSpec.of(name, Heartbeat.command(beat), dir.resolve(name + ".log")), recorder);
        spawned.add(p.pid());
        awaitBeating(beat);
        return p;
    }

    private static void awaitBeating(Path beat) {
        long from = Heartbeat.beat(beat);
        await("heartbeat " + beat.getFileName() + " advances").atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> Heartbeat.beat(beat) > from + 2);
    }

    private static void awaitStillFor(Path beat, Duration during) {
        AtomicLong last = new AtomicLong(Heartbeat.beat(beat));
        // A frozen heartbeat may finish one write already in flight; after that it must hold still for `during`.
        await("heartbeat " + beat.getFileName() + " stops").atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .during(during)
            .until(() -> Heartbeat.beat(beat) == last.getAndSet(Heartbeat.beat(beat)));
    }

    @Test
    void freeze_stops_the_heartbeat_and_close_thaws_it() {
        // GIVEN a beating process
        ManagedProcess p = heartbeat("hb");
        Path beat = dir.resolve("hb.beat");

        // WHEN it is frozen
        InjectedFault freeze = control.freeze(p);

        // THEN it beats no more, but lives, and the ledger knows how to thaw it
        awaitStillFor(beat, Duration.ofMillis(600));
        assertThat(ProcStat.isStopped(p.pid())).isTrue();
        assertThat(ledger.entry(freeze.id()).orElseThrow().heal().toString()).contains("ThawProcess[name=hb, pid=" + p.pid());

        // AND closing the fault makes it beat again
        freeze.close();
        awaitBeating(beat);
        assertThat(ledger.entry(freeze.id()).orElseThrow().healDetail()).contains("HEALED: thawed hb (pid " + p.pid() + ")");
    }

    @Test
    void kill_ends_the_process_and_close_starts_the_same_command_as_a_new_pid() {
        ManagedProcess p = heartbeat("hb");
        long oldPid = p.pid();
        Path beat = dir.resolve("hb.beat");

        InjectedFault kill = control.kill(p);
        assertThat(ProcStat.isAlive(oldPid, 0)).isFalse();
        awaitStillFor(beat, Duration.ofMillis(400));

        kill.close();
        spawned.add(p.pid());
        assertThat(p.pid()).isNotEqualTo(oldPid);
        assertThat(ProcessFinder.commandLine(p.pid())).contains(p.spec().command());
        awaitBeating(beat);

        // the ledger now holds a stop recipe for the new pid only
        assertThat(ledger.unhealed()).extracting(LedgerEntry::type).containsExactly("process.run");
        assertThat(ledger.unhealed().get(0).heal().toString()).contains("pid=" + p.pid());
    }

    @Test
    void terminate_heals_by_restart_too() {
        ManagedProcess p = heartbeat("hb");
        long oldPid = p.pid();

        InjectedFault term = control.terminate(p);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcStat.isAlive(oldPid, 0));
        term.close();
        spawned.add(p.pid());

        assertThat(p.isAlive()).isTrue();
        assertThat(p.pid()).isNotEqualTo(oldPid);
    }

    @Test
    void a_region_is_frozen_and_thawed_as_one() {
        ManagedProcess a = heartbeat("a");
        ManagedProcess b = heartbeat("b");

        InjectedFault region = control.freeze(ProcessGroup.of("region r1", List.of(a, b)));
        awaitStillFor(dir.resolve("a.beat"), Duration.ofMillis(500));
        awaitStillFor(dir.resolve("b.beat"), Duration.ofMillis(100));
        assertThat(region.target()).isEqualTo("region r1");

        region.close();
        awaitBeating(dir.resolve("a.beat"));
        awaitBeating(dir.resolve("b.beat"));
    }

    @Test
    void a_process_that_is_not_running_cannot_be_hit() {
        ManagedProcess p = heartbeat("hb");
        p.stop();

        assertThatThrownBy(() -> control.freeze(p))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("cannot freeze process hb: hb (pid " + p.pid() + ") is not running; start it first or leave it"
                + " out of the group");
    }

    @Test
    void after_a_crash_cleanup_thaws_then_stops_what_the_run_started() {
        // GIVEN a run that started a process, froze it and then "crashed" (nothing closed)
        ManagedProcess p = heartbeat("hb");
        control.freeze(p);

        // WHEN cleanup runs (including this live JVM's faults, standing in for the dead run)
        CleanupReport report = Cleanup.of(ledger).includingLiveRuns().run();

        // THEN the process was thawed first, then stopped, and nothing is left unhealed
        assertThat(report.items()).extracting(i -> i.type() + " " + i.result().outcome())
            .containsExactly("process.run HEALED", "process.freeze HEALED");
        assertThat(report.items().get(1).result().detail()).startsWith("thawed hb");
        assertThat(report.items().get(0).result().detail()).startsWith("stopped hb (pid " + p.pid() + ", SIGTERM");
        assertThat(p.isAlive()).isFalse();
        assertThat(ledger.unhealed()).isEmpty();
    }

    @Test
    void after_a_crash_cleanup_restarts_a_killed_service_the_run_had_not_started() {
        // GIVEN a service started outside the harness (adopted), killed by a run that then crashed
        Path beat = dir.resolve("ext.beat");
        ProcessSpec spec = ProcessSpec.of("ext", Heartbeat.command(beat), dir.resolve("ext.log"));
        ManagedProcess external;
        try {
            Process started = spec.launch();
            spawned.add(started.pid());
            external = ManagedProcess.adopt(spec, started.pid(), recorder);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        awaitBeating(beat);
        control.kill(external);
        awaitStillFor(beat, Duration.ofMillis(300));

        // WHEN cleanup runs
        CleanupReport report = Cleanup.of(ledger).includingLiveRuns().run();

        // THEN it runs again, and a second cleanup has nothing to do
        assertThat(report.items()).singleElement().satisfies(i -> {
            assertThat(i.result().outcome()).isEqualTo(HealOutcome.HEALED);
            assertThat(i.result().detail()).startsWith("restarted ext as pid ");
        });
        ProcessFinder.byCommand(spec.command(), java.time.Instant.EPOCH).ifPresent(h -> spawned.add(h.pid()));
        awaitBeating(beat);
        assertThat(Cleanup.of(ledger).includingLiveRuns().run().items()).isEmpty();
    }
}
