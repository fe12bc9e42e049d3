package io.exchangechaos.fault.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
            ledger.recordInject("c-" + i, "t", "x", new HealRecipe.EnableProxy("http://h:1", "p"));
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
}
