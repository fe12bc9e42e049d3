package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKinds;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.fault.config.ConfigRecipes;
import io.exchangechaos.fault.dependency.DependencyRecipes;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.fault.process.ProcessRecipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupTest {
    @TempDir
    Path dir;

    /** Heals nothing for real: records the order of steps; steps named in {@code failing} fail. */
    static final class RecordingHealer extends Healer {
        final List<HealRecipe> steps = new ArrayList<>();
        final Set<HealRecipe> failing;

        RecordingHealer(Set<HealRecipe> failing) {
            this.failing = failing;
        }

        @Override
        public HealResult healStep(HealRecipe step) {
            steps.add(step);
            return failing.contains(step) ? HealResult.failed("refused") : HealResult.healed("did " + step.getClass().getSimpleName());
        }
    }

    static final HealRecipe THAW = new ProcessRecipes.ThawProcess("engine-r1", 11, 1);
    static final HealRecipe RESTART = new ProcessRecipes.RestartProcess("gateway-r1", List.of("gw"), null, null, "/tmp/gw.log", null);
    static final HealRecipe TOXICS_OLD = new NetworkRecipes.RemoveToxics("http://t:1", "old", List.of("chaos-a-up"));
    static final HealRecipe TOXICS_NEW = new NetworkRecipes.RemoveToxics("http://t:1", "new", List.of("chaos-b-up"));
    static final HealRecipe ENABLE = new NetworkRecipes.EnableProxy("http://t:1", "p");
    static final HealRecipe DNS = new DnsRecipes.RemoveDnsFault("http://d:1", "a.test", "EMPTY", "7");
    static final HealRecipe STUB = new DependencyRecipes.RemoveStub("http://w:1", "c0ffee00-0000-0000-0000-000000000001");
    static final HealRecipe CONFIG = new ConfigRecipes.RollbackConfig("http://c:1", 1, 2, "chaos f");
    static final HealRecipe STOP = new ProcessRecipes.StopProcess("engine-r2", 12, 1, List.of("eng"), 0);

    /** Writes an inject line as a crashed run (a pid that cannot exist) would have left it. */
    private void crashedRunInjected(FaultLedger ledger, String id, String at, HealRecipe recipe) throws Exception {
        String json = HealRecipeKinds.registered().write(recipe).toString();
        Files.createDirectories(ledger.file().getParent());
        Files.writeString(ledger.file(), "{\"v\":1,\"event\":\"inject\",\"id\":\"" + id + "\",\"at\":\"" + at
            + "\",\"type\":\"t\",\"target\":\"" + id + "\",\"owner\":{\"pid\":2147483646,\"startTicks\":5,\"host\":\""
            + ledger.self().host() + "\"},\"heal\":" + json + "}\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void heals_in_the_documented_order_newest_first_within_a_step_and_marks_all_healed() throws Exception {
        // GIVEN a crashed run's ledger, written in a scrambled order
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        crashedRunInjected(ledger, "f-stop", "2025-01-01T00:00:01Z", STOP);
        crashedRunInjected(ledger, "f-config", "2025-01-01T00:00:02Z", CONFIG);
        crashedRunInjected(ledger, "f-toxold", "2025-01-01T00:00:03Z", TOXICS_OLD);
        crashedRunInjected(ledger, "f-stub", "2025-01-01T00:00:04Z", STUB);
        crashedRunInjected(ledger, "f-toxnew", "2025-01-01T00:00:05Z", TOXICS_NEW);
        crashedRunInjected(ledger, "f-dns", "2025-01-01T00:00:06Z", DNS);
        crashedRunInjected(ledger, "f-enable", "2025-01-01T00:00:07Z", ENABLE);
        crashedRunInjected(ledger, "f-region", "2025-01-01T00:00:08Z", new HealRecipe.All(List.of(RESTART, THAW)));
        RecordingHealer healer = new RecordingHealer(Set.of());

        // WHEN cleanup runs
        CleanupReport report = new Cleanup(ledger, healer).run();

        // THEN thaw, restart, toxics (newest first), proxies, DNS, stubs, configs, stops
        assertThat(healer.steps).containsExactly(THAW, RESTART, TOXICS_NEW, TOXICS_OLD, ENABLE, DNS, STUB, CONFIG, STOP);
        assertThat(report.items()).hasSize(8).allSatisfy(i -> assertThat(i.result().outcome()).isEqualTo(HealOutcome.HEALED));
        assertThat(report.isClean()).isTrue();
        assertThat(ledger.unhealed()).isEmpty();

        // AND a second cleanup finds nothing to do
        CleanupReport again = new Cleanup(ledger, healer).run();
        assertThat(again.items()).isEmpty();
        assertThat(again.format()).isEqualTo("no unhealed faults in " + ledger.file() + "\n");
    }

    @Test
    void a_failed_fault_stays_unhealed_for_the_next_cleanup() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        crashedRunInjected(ledger, "f-dns", "2025-01-01T00:00:01Z", DNS);
        crashedRunInjected(ledger, "f-stub", "2025-01-01T00:00:02Z", STUB);

        CleanupReport report = new Cleanup(ledger, new RecordingHealer(Set.of(DNS))).run();

        assertThat(report.isClean()).isFalse();
        assertThat(report.withOutcome(HealOutcome.FAILED)).extracting(CleanupReport.Item::id).containsExactly("f-dns");
        assertThat(report.format()).contains("FAILED        f-dns t [f-dns]: refused");
        assertThat(ledger.unhealed()).extracting(e -> e.id()).containsExactly("f-dns");

        CleanupReport retry = new Cleanup(ledger, new RecordingHealer(Set.of())).run();
        assertThat(retry.items()).extracting(CleanupReport.Item::id).containsExactly("f-dns");
        assertThat(ledger.unhealed()).isEmpty();
    }

    @Test
    void a_killed_service_the_crashed_run_had_started_is_not_brought_back() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        HealRecipe restartOwned = new ProcessRecipes.RestartProcess("engine-r1", List.of("eng"), null, null, "/tmp/e.log", "f-run");
        crashedRunInjected(ledger, "f-run", "2025-01-01T00:00:01Z", STOP);
        crashedRunInjected(ledger, "f-kill", "2025-01-01T00:00:02Z", restartOwned);
        RecordingHealer healer = new RecordingHealer(Set.of());

        CleanupReport report = new Cleanup(ledger, healer).run();

        assertThat(healer.steps).containsExactly(STOP);
        assertThat(report.items()).filteredOn(i -> i.id().equals("f-kill")).singleElement()
            .satisfies(i -> assertThat(i.result()).isEqualTo(HealResult.alreadyGone(
                "engine-r1 not restarted: the run that started it (f-run) is over or being cleaned up")));
    }

    @Test
    void faults_of_a_run_still_alive_are_skipped_unless_asked() {
        // GIVEN a fault this very JVM holds
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        ledger.recordInject("f-live", "network.partition", "proxy p", ENABLE);
        RecordingHealer healer = new RecordingHealer(Set.of());

        // WHEN a cleanup runs
        CleanupReport report = new Cleanup(ledger, healer).run();

        // THEN it is left alone
        assertThat(healer.steps).isEmpty();
        assertThat(report.items()).singleElement().satisfies(i -> {
            assertThat(i.result().outcome()).isEqualTo(HealOutcome.SKIPPED);
            assertThat(i.result().detail()).startsWith("injected by this process (pid ");
        });
        assertThat(ledger.unhealed()).hasSize(1);

        // AND an operator who means it heals it
        new Cleanup(ledger, healer).includingLiveRuns().run();
        assertThat(healer.steps).containsExactly(ENABLE);
        assertThat(ledger.unhealed()).isEmpty();
    }

    @Test
    void theSummaryCountsAFaultThatWentByItselfAsGoneNotAsUnhealed() {
        Path ledger = Path.of("ledger.jsonl");
        java.time.Instant t = java.time.Instant.parse("2026-11-27T01:00:00Z");
        CleanupReport report = new CleanupReport(ledger, List.of(
            new CleanupReport.Item("f-1", "network.latency", "proxy a", t, HealResult.healed("removed")),
            new CleanupReport.Item("f-2", "process.freeze", "engine-r1", t, HealResult.alreadyGone("pid gone"))),
            List.of());

        assertThat(report.summary()).isEqualTo("2 faults left in the ledger: 1 healed now, 1 already gone.");
        assertThat(new CleanupReport(ledger, List.of(), List.of()).summary()).isEqualTo("Nothing to heal.");

        CleanupReport stuck = new CleanupReport(ledger, List.of(
            new CleanupReport.Item("f-3", "dns.fault", "engine.r1", t, HealResult.failed("server down"))), List.of());
        assertThat(stuck.summary()).isEqualTo("1 fault left in the ledger: 0 healed now, 0 already gone, 1 could not be"
            + " healed and is still in force (the FAILED lines above say why).");
    }
}
