package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.ledger.FaultHealException;
import io.exchangechaos.core.ledger.FaultInjectionException;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultRecorderTest {
    @TempDir
    Path dir;

    static final HealRecipe RECIPE = new NetworkRecipes.EnableProxy("http://127.0.0.1:1", "db");

    @Test
    void the_fault_is_in_the_ledger_before_it_is_applied() {
        // GIVEN a recorder
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = FaultRecorder.using(ledger);
        List<LedgerEntry> seenWhileApplying = new ArrayList<>();

        // WHEN a fault is injected
        FaultRecorder.Plan plan = recorder.plan("network.partition", "proxy db", id -> RECIPE);
        InjectedFault fault = recorder.inject(plan, refine -> seenWhileApplying.addAll(ledger.unhealed()),
            recipe -> HealResult.healed("ok"));

        // THEN applying it already saw it recorded, unhealed, with its recipe
        assertThat(seenWhileApplying).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(fault.id()).isEqualTo(plan.id()).matches("f-[0-9a-f]{12}");
            assertThat(e.heal()).isEqualTo(RECIPE);
            assertThat(e.type()).isEqualTo("network.partition");
        });
        assertThat(fault.healedAt()).isEmpty();
    }

    @Test
    void close_heals_once_records_it_and_is_idempotent() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = FaultRecorder.using(ledger);
        AtomicInteger heals = new AtomicInteger();

        InjectedFault fault = recorder.inject(recorder.plan("t", "x", id -> RECIPE), refine -> { },
            recipe -> HealResult.healed("healed #" + heals.incrementAndGet()));
        fault.close();
        fault.close();

        assertThat(heals).hasValue(1);
        assertThat(fault.healedAt()).isPresent();
        assertThat(ledger.unhealed()).isEmpty();
        assertThat(ledger.entry(fault.id()).orElseThrow().healDetail()).contains("HEALED: healed #1");
    }

    @Test
    void a_refined_recipe_is_what_heals_and_what_the_ledger_keeps() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = FaultRecorder.using(ledger);
        DnsRecipes.RemoveDnsFault intent = new DnsRecipes.RemoveDnsFault("http://h:1", "a.test", "EMPTY", null);
        List<HealRecipe> healedWith = new ArrayList<>();

        InjectedFault fault = recorder.inject(recorder.plan("dns.empty", "dns a.test", id -> intent),
            refine -> refine.recipe(intent.withFaultId("srv-1")),
            recipe -> {
                healedWith.add(recipe);
                return HealResult.healed("ok");
            });

        assertThat(ledger.unhealed().get(0).heal()).isEqualTo(intent.withFaultId("srv-1"));
        fault.close();
        assertThat(healedWith).containsExactly(intent.withFaultId("srv-1"));
    }

    @Test
    void a_failed_application_is_undone_at_once_and_reported() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = FaultRecorder.using(ledger);
        FaultRecorder.Plan plan = recorder.plan("network.latency", "proxy db", id -> RECIPE);

        assertThatThrownBy(() -> recorder.inject(plan, refine -> {
            throw new IOException("toxic rejected");
        }, recipe -> HealResult.alreadyGone("nothing applied")))
            .isInstanceOf(FaultInjectionException.class)
            .hasMessage("could not inject network.latency on [proxy db] (" + plan.id()
                + "): toxic rejected; undo: ALREADY_GONE: nothing applied");
        assertThat(ledger.unhealed()).isEmpty();
    }

    @Test
    void a_failed_heal_throws_keeps_the_fault_unhealed_and_a_later_close_retries() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = FaultRecorder.using(ledger);
        AtomicInteger attempts = new AtomicInteger();
        InjectedFault fault = recorder.inject(recorder.plan("network.partition", "proxy db", id -> RECIPE), refine -> { },
            recipe -> attempts.incrementAndGet() == 1 ? HealResult.failed("API down") : HealResult.healed("enabled"));

        assertThatThrownBy(fault::close)
            .isInstanceOf(FaultHealException.class)
            .hasMessage("could not heal network.partition on [proxy db] (" + fault.id() + "): API down; it stays in"
                + " the ledger [" + ledger.file() + "]: run ./chaos cleanup once the target answers again");
        assertThat(ledger.unhealed()).hasSize(1);

        fault.close();
        assertThat(ledger.unhealed()).isEmpty();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void a_fault_for_a_moment_is_on_record_ahead_and_applied_when_the_moment_comes() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        long due = System.nanoTime() + 400_000_000L;
        FaultRecorder recorder = FaultRecorder.using(ledger).at(FaultRecorder.Moment.atNanoTime(due));
        List<Long> appliedAtNanos = new ArrayList<>();

        var injecting = java.util.concurrent.CompletableFuture.supplyAsync(() -> recorder.inject(
            recorder.plan("t", "x", id -> RECIPE), refine -> appliedAtNanos.add(System.nanoTime()),
            recipe -> HealResult.healed("ok")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !ledger.unhealed().isEmpty());
        assertThat(System.nanoTime()).as("recorded before its moment").isLessThan(due);
        assertThat(appliedAtNanos).as("not applied before its moment").isEmpty();

        InjectedFault fault = injecting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(appliedAtNanos).singleElement().satisfies(at -> assertThat(at).isGreaterThanOrEqualTo(due));
        assertThat(fault.appliedAt()).isAfter(fault.injectedAt());
        fault.close();
    }

    @Test
    void a_fault_whose_moment_is_cancelled_is_never_applied_and_leaves_nothing_unhealed() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder.Moment moment = FaultRecorder.Moment.atNanoTime(System.nanoTime() + 60_000_000_000L);
        FaultRecorder recorder = FaultRecorder.using(ledger).at(moment);
        AtomicInteger applied = new AtomicInteger();

        var injecting = java.util.concurrent.CompletableFuture.supplyAsync(() -> recorder.inject(
            recorder.plan("t", "x", id -> RECIPE), refine -> applied.incrementAndGet(), recipe -> HealResult.healed("ok")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !ledger.unhealed().isEmpty());
        moment.cancel();

        assertThatThrownBy(() -> injecting.get(5, java.util.concurrent.TimeUnit.SECONDS))
            .hasCauseInstanceOf(FaultInjectionException.class)
            .hasMessageContaining("cancelled before its moment");
        assertThat(applied).hasValue(0);
        assertThat(ledger.unhealed()).isEmpty();
        assertThat(ledger.entries()).singleElement().satisfies(e ->
            assertThat(e.healDetail()).hasValueSatisfying(d -> assertThat(d).contains("never applied")));
    }

    @Test
    void a_preparation_that_fails_is_undone_and_the_fault_never_applied() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultRecorder recorder = new FaultRecorder(ledger, new Healer() {
            @Override
            public HealResult heal(io.exchangechaos.core.ledger.HealRecipe recipe) {
                return HealResult.healed("undone");
            }
        });
        AtomicInteger applied = new AtomicInteger();

        assertThatThrownBy(() -> recorder.inject(recorder.plan("t", "x", id -> RECIPE),
            () -> {
                throw new IllegalStateException("target refused");
            }, refine -> applied.incrementAndGet()))
            .isInstanceOf(FaultInjectionException.class)
            .hasMessageContaining("could not prepare t on [x]")
            .hasMessageContaining("target refused")
            .hasMessageContaining("undone");
        assertThat(applied).hasValue(0);
        assertThat(ledger.unhealed()).isEmpty();
    }
}
