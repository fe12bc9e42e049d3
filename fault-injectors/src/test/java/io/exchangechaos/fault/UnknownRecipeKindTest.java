package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger line whose recipe kind no plugin on the class path knows is reported, kept, and never healed by guess. */
class UnknownRecipeKindTest {
    @TempDir
    Path dir;

    @Test
    void aRecipeOfAnUnknownKindIsReadAsUnreadableAndStaysInTheLedger() throws Exception {
        // GIVEN lines written by a plugin this class path lacks, alone and inside a composite
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        String owner = "\"owner\":{\"pid\":2147483646,\"startTicks\":5,\"host\":\"" + ledger.self().host() + "\"}";
        Files.writeString(ledger.file(), """
            {"v":1,"event":"inject","id":"f-1","at":"2026-01-01T00:00:01Z","type":"k8s.evict","target":"pod a",%s,"heal":{"kind":"readmit-pod","pod":"a"}}
            {"v":1,"event":"inject","id":"f-2","at":"2026-01-01T00:00:02Z","type":"mixed","target":"b",%s,"heal":{"kind":"all","recipes":[{"kind":"thaw-process","name":"x","pid":1,"startTicks":1},{"kind":"readmit-pod","pod":"b"}]}}
            """.formatted(owner, owner));

        // WHEN it is read THEN both say which kind is unknown and what to do
        assertThat(ledger.entries()).extracting(e -> e.heal()).allSatisfy(r -> assertThat(r)
            .isInstanceOf(HealRecipe.Unreadable.class)
            .extracting(u -> ((HealRecipe.Unreadable) u).problem())
            .isEqualTo("recipe kind [readmit-pod] unknown: add the plugin that wrote it to --plugins, or heal by hand"));

        // AND a cleanup fails them with the line's recipe, leaving them for a person
        CleanupReport report = Cleanup.of(ledger).withoutSweep().run();
        assertThat(report.items()).extracting(i -> i.result().outcome()).containsOnly(HealOutcome.FAILED);
        assertThat(report.items().get(0).result().detail()).isEqualTo("heal recipe unreadable (recipe kind [readmit-pod]"
            + " unknown: add the plugin that wrote it to --plugins, or heal by hand): {\"kind\":\"readmit-pod\",\"pod\":\"a\"};"
            + " heal it by hand, then remove the line from the ledger");
        assertThat(ledger.unhealed()).hasSize(2);
    }
}
