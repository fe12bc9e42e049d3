package io.exchangechaos.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.fault.network.NetworkRecipes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultLedgerIT {
    @TempDir
    Path dir;

    @Test
    void appends_from_several_processes_at_once_all_land_whole() throws Exception {
        // GIVEN two other JVMs and this one appending to one ledger at the same time
        Path file = dir.resolve("ledger.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("a", "b")) {
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LedgerAppender.class.getName(), file.toString(), prefix, "300")
                .inheritIO().start());
        }
        FaultLedger ledger = new FaultLedger(file);
        for (int i = 0; i < 300; i++) {
            ledger.recordInject("c-" + i, "t", "x", new NetworkRecipes.EnableProxy("http://h:1", "p"));
        }

        // WHEN all have finished
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        }

        // THEN all 900 lines are whole
        FaultLedger.Snapshot snapshot = ledger.read();
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.entries()).hasSize(900);
    }

    @Test
    void compacting_while_other_processes_append_loses_none_of_their_lines() throws Exception {
        // GIVEN two other JVMs appending faults to the ledger ...
        Path file = dir.resolve("ledger.jsonl");
        Instant now = Instant.now();
        FaultLedger ledger = new FaultLedger(file);
        FaultLedger lastMonth = new FaultLedger(file, Clock.fixed(now.minus(Duration.ofDays(30)), ZoneOffset.UTC));
        lastMonth.recordInject("old-first", "t", "x", new NetworkRecipes.EnableProxy("http://h:1", "p"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("a", "b")) {
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LedgerAppender.class.getName(), file.toString(), prefix, "300")
                .inheritIO().start());
        }

        // WHEN this one, meanwhile, keeps healing old faults and compacting them away, each time replacing the file
        int rounds = 0;
        int dropped = 0;
        while (children.stream().anyMatch(Process::isAlive)) {
            lastMonth.recordInject("old-" + rounds, "t", "x", new NetworkRecipes.EnableProxy("http://h:1", "p"));
            lastMonth.recordHealed("old-" + rounds, "test");
            dropped += ledger.compact(now.minus(Duration.ofDays(7)));
            rounds++;
        }
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        }
        dropped += ledger.compact(now.minus(Duration.ofDays(7)));

        // THEN every line the others wrote is there and whole; only the healed old faults went, the unhealed one stayed
        FaultLedger.Snapshot snapshot = ledger.read();
        System.out.printf("%d compactions while two processes appended 600 faults%n", rounds);
        assertThat(rounds).as("compactions during the appends").isGreaterThan(5);
        assertThat(dropped).isEqualTo(rounds);
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.entries()).extracting(LedgerEntry::id).hasSize(601).contains("old-first")
            .contains("a-0", "a-299", "b-0", "b-299").noneMatch(id -> id.startsWith("old-") && !id.equals("old-first"));
    }
}
