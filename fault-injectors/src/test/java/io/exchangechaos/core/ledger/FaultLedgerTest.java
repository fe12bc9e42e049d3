package io.exchangechaos.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.fault.config.ConfigRecipes;
import io.exchangechaos.fault.dependency.DependencyRecipes;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.fault.process.ProcessRecipes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultLedgerTest {
    @TempDir
    Path dir;

    static final List<HealRecipe> EVERY_KIND = List.of(
        new NetworkRecipes.RemoveToxics("http://127.0.0.1:8474", "db", List.of("chaos-f-1-up", "chaos-f-1-down")),
        new NetworkRecipes.EnableProxy("http://127.0.0.1:8474", "db"),
        new DnsRecipes.RemoveDnsFault("http://127.0.0.1:8475", "engine.*.exchange.test", "NXDOMAIN", null),
        new NetworkRecipes.RemoveToxics("http://127.0.0.1:8474", "db", List.of("chaos-f-2-up"), "4242:987654"),
        new NetworkRecipes.EnableProxy("http://127.0.0.1:8474", "db", "4242:987654"),
        new DnsRecipes.RemoveDnsFault("http://127.0.0.1:8475", "a.test", "EMPTY", "dns-1", "4242:987654"),
        new NetworkRecipes.DeleteProxies("http://127.0.0.1:18474", List.of("client-gateway-r1", "replication-r1")),
        new ProcessRecipes.ThawProcess("engine-r1", 4242, 987654),
        new ProcessRecipes.RestartProcess("engine-r1", List.of("java", "-cp", "x", "Main"), "/tmp", Map.of("A", "1"),
            "/tmp/engine.log", "f-000000000001"),
        new DependencyRecipes.RemoveStub("http://127.0.0.1:8600", "c0ffee00-0000-0000-0000-000000000001"),
        new ConfigRecipes.RollbackConfig("http://127.0.0.1:8500", 3, 4, "chaos f-1"),
        new ProcessRecipes.StopProcess("gateway-r1", 77, 12345, List.of("sleep", "600"), 1_700_000_000_000L),
        new HealRecipe.All(List.of(new ProcessRecipes.ThawProcess("a", 1, 2), new ProcessRecipes.ThawProcess("b", 3, 4))));

    @Test
    void every_recipe_kind_survives_the_file() {
        // GIVEN a ledger with one fault per recipe kind
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        for (int i = 0; i < EVERY_KIND.size(); i++) {
            ledger.recordInject("f-" + i, "test.kind", "target " + i, EVERY_KIND.get(i));
        }

        // WHEN a second ledger object (another process, in effect) reads it
        List<LedgerEntry> read = new FaultLedger(dir.resolve("ledger.jsonl")).entries();

        // THEN every recipe comes back equal, with its owner
        assertThat(read).extracting(LedgerEntry::heal).containsExactlyElementsOf(EVERY_KIND);
        assertThat(read).allSatisfy(e -> assertThat(e.owner().pid()).isEqualTo(ProcessHandle.current().pid()));
    }

    @Test
    void the_json_carries_a_kind_tag() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        ledger.recordInject("f-1", "network.partition", "proxy db", new NetworkRecipes.EnableProxy("http://h:1", "db"));

        String line = Files.readString(ledger.file());

        assertThat(line).startsWith("{\"v\":1,\"event\":\"inject\",\"id\":\"f-1\",\"at\":\"")
            .contains("\"type\":\"network.partition\",\"target\":\"proxy db\"")
            .contains("\"heal\":{\"kind\":\"enable-proxy\",\"apiUrl\":\"http://h:1\",\"proxy\":\"db\"}")
            .endsWith("}\n");
    }

    @Test
    void update_replaces_the_recipe_and_healed_removes_the_fault_from_unhealed() {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        DnsRecipes.RemoveDnsFault intent = new DnsRecipes.RemoveDnsFault("http://h:1", "a.test", "EMPTY", null);
        ledger.recordInject("f-1", "dns.empty", "dns a.test", intent);
        ledger.recordInject("f-2", "dns.empty", "dns b.test", intent);

        ledger.recordUpdate("f-1", intent.withFaultId("srv-7"));
        ledger.recordHealFailed("f-2", "server down");
        ledger.recordHealed("f-2", "removed");

        assertThat(ledger.unhealed()).extracting(LedgerEntry::id).containsExactly("f-1");
        assertThat(ledger.unhealed().get(0).heal()).isEqualTo(intent.withFaultId("srv-7"));
        assertThat(ledger.entry("f-2").orElseThrow().healDetail()).contains("removed");
    }

    @Test
    void a_torn_last_line_is_ignored_with_a_warning_and_the_next_append_starts_a_fresh_line() throws Exception {
        // GIVEN a ledger whose writer died half-way through its second line
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        ledger.recordInject("f-1", "network.partition", "proxy db", new NetworkRecipes.EnableProxy("http://h:1", "db"));
        Files.writeString(ledger.file(), "{\"v\":1,\"event\":\"inject\",\"id\":\"f-2\",\"at\":\"20", StandardOpenOption.APPEND);

        // WHEN it is read
        FaultLedger.Snapshot snapshot = ledger.read();

        // THEN the whole lines count, the torn one is reported
        assertThat(snapshot.entries()).extracting(LedgerEntry::id).containsExactly("f-1");
        assertThat(snapshot.problems()).singleElement().asString()
            .startsWith(ledger.file() + ":2: torn last line ignored (")
            .endsWith("): {\"v\":1,\"event\":\"inject\",\"id\":\"f-2\",\"at\":\"20");

        // AND a later append is not glued to the torn line
        ledger.recordInject("f-3", "network.partition", "proxy db", new NetworkRecipes.EnableProxy("http://h:1", "db"));
        FaultLedger.Snapshot after = ledger.read();
        assertThat(after.entries()).extracting(LedgerEntry::id).containsExactly("f-1", "f-3");
        assertThat(after.problems()).singleElement().asString().contains(":2: unreadable line ignored");
    }

    @Test
    void a_recipe_kind_this_version_does_not_know_is_kept_as_unreadable() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        Files.writeString(file, "{\"v\":1,\"event\":\"inject\",\"id\":\"f-9\",\"at\":\"2025-01-01T00:00:00Z\","
            + "\"type\":\"quantum.decohere\",\"target\":\"q\",\"owner\":{\"pid\":1,\"startTicks\":1,\"host\":\"h\"},"
            + "\"heal\":{\"kind\":\"recohere\",\"qubits\":3}}\n");

        LedgerEntry entry = new FaultLedger(file).unhealed().get(0);

        assertThat(entry.heal()).isInstanceOf(HealRecipe.Unreadable.class);
        assertThat(((HealRecipe.Unreadable) entry.heal()).json()).isEqualTo("{\"kind\":\"recohere\",\"qubits\":3}");
    }

    @Test
    void a_missing_file_is_an_empty_ledger() {
        assertThat(new FaultLedger(dir.resolve("none/ledger.jsonl")).read().entries()).isEmpty();
    }

    @Test
    void concurrent_appends_from_many_threads_and_ledger_objects_all_land_whole() throws Exception {
        // GIVEN 8 threads, each with its own ledger object on the same file
        Path file = dir.resolve("ledger.jsonl");
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                FaultLedger ledger = new FaultLedger(file);
                go.await();
                for (int i = 0; i < perThread; i++) {
                    String id = "f-" + thread + "-" + i;
                    ledger.recordInject(id, "t", "x", new NetworkRecipes.EnableProxy("http://h:1", "p" + i));
                    if (i % 2 == 0) {
                        ledger.recordHealed(id, "ok");
                    }
                }
                return null;
            }));
        }

        // WHEN they all append at once
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        // THEN every line is whole and every fault is there, half of them healed
        FaultLedger.Snapshot snapshot = new FaultLedger(file).read();
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.entries()).hasSize(threads * perThread);
        assertThat(snapshot.unhealed()).hasSize(threads * perThread / 2);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(threads * perThread * 3 / 2);
    }

    @Test
    void compaction_drops_only_faults_healed_before_the_cutoff_and_replaces_the_file_at_once() throws Exception {
        // GIVEN a fault healed last month (with a failed heal before), one healed today, one in force, a torn line
        Path file = dir.resolve("ledger.jsonl");
        Instant now = Instant.now();
        FaultLedger lastMonth = new FaultLedger(file, Clock.fixed(now.minus(Duration.ofDays(30)),
            ZoneOffset.UTC));
        FaultLedger ledger = new FaultLedger(file);
        HealRecipe recipe = new NetworkRecipes.EnableProxy("http://h:1", "p");
        lastMonth.recordInject("f-old", "t", "x", recipe);
        lastMonth.recordHealFailed("f-old", "once");
        lastMonth.recordHealed("f-old", "healed");
        ledger.recordInject("f-today", "t", "x", recipe);
        ledger.recordHealed("f-today", "healed");
        lastMonth.recordInject("f-open", "t", "x", recipe);
        Files.writeString(file, "{\"not a ledger line\n", StandardOpenOption.APPEND);
        Object inodeBefore = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        // WHEN it is compacted to a week
        int dropped = ledger.compact(now.minus(Duration.ofDays(7)));

        // THEN only the old healed fault went, every line of it; the rest is kept as it was, in a new file
        assertThat(dropped).isEqualTo(1);
        String text = Files.readString(file);
        assertThat(text).doesNotContain("f-old").contains("f-today").contains("f-open").contains("{\"not a ledger line");
        assertThat(ledger.entries()).extracting(LedgerEntry::id).containsExactly("f-today", "f-open");
        assertThat(ledger.unhealed()).extracting(LedgerEntry::id).containsExactly("f-open");
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
            .isNotEqualTo(inodeBefore);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("ledger.jsonl", "ledger.jsonl.lock");
        }
        // AND with nothing old enough, the file is left alone
        assertThat(ledger.compact(now.minus(Duration.ofDays(7)))).isZero();
    }
}
