package io.exchangechaos.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelJournalTest {
    @TempDir
    Path dir;

    private List<CancelJournal.Entry> reopen(Path file) throws Exception {
        List<CancelJournal.Entry> left = new ArrayList<>();
        CancelJournal.open(file, left).close();
        return left;
    }

    @Test
    void ordersOfSessionsThatDidNotLogOutAreLeftToCancelOnceAndTheFileStartsAgain() throws Exception {
        Path file = dir.resolve("j");
        try (CancelJournal j = CancelJournal.open(file, new ArrayList<>())) {
            j.taken("FIX.4.4:EXCHANGE->A#1", 3, "a-1", List::of);
            j.taken("FIX.4.4:EXCHANGE->B#1", 4, "b-1", List::of);
            j.taken("FIX.4.4:EXCHANGE->A#1", 3, "a-2", List::of);
            j.loggedOut("FIX.4.4:EXCHANGE->B#1");
            j.taken("FIX.4.4:EXCHANGE->B#2", 4, "b-2", List::of);
        }
        // a write torn by a kill
        Files.writeString(file, "+ FIX.4.4:EXCHANGE->C#1 5", StandardOpenOption.APPEND);

        assertThat(reopen(file)).containsExactly(new CancelJournal.Entry(3, "a-1"), new CancelJournal.Entry(3, "a-2"),
            new CancelJournal.Entry(4, "b-2"));
        assertThat(reopen(file)).as("after a start that took them").isEmpty();
    }

    @Test
    void compactingKeepsOnlyWhatIsStillOpen() throws Exception {
        Path file = dir.resolve("j");
        try (CancelJournal j = CancelJournal.open(file, new ArrayList<>())) {
            for (int i = 0; i < 10_000; i++) {
                j.taken("S#1", 1, "o-" + i, () -> List.of("+ S#1 1 o-9999"));
            }
            j.taken("S#1", 1, "o-after", List::of);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("+ S#1 1 o-9999", "+ S#1 1 o-after");
        assertThat(reopen(file)).extracting(CancelJournal.Entry::clientOrderId).containsExactly("o-9999", "o-after");
    }
}
