package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.ProgressListener.Tick;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicLong clock = new AtomicLong(1_000_000);

    static Tick tick(double elapsed, double p99, String... faults) {
        return new Tick("fault", elapsed, 65 - elapsed, 198, 3, p99, List.of(faults));
    }

    String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theStatusLineSaysPhaseTimeRatesP99AndFaults() {
        assertThat(LiveProgress.status(tick(32, 412, "lose the leader's region → region r1"), 412)).isEqualTo(
            "fault      32s elapsed,   33s left | ok   198/s | errors    3/s | p99 412 ms | faults: lose the leader's region → region r1");
        assertThat(LiveProgress.status(tick(3, 0), 1870)).endsWith("| p99 1.87 s | faults: none");
    }

    @Test
    void offATerminalItPrintsOnePlainLineEveryFiveSeconds() {
        LiveProgress progress = new LiveProgress(out, false, 5_000, 120, clock::get, () -> false);

        for (int s = 0; s < 12; s++) {
            progress.tick(tick(s, 20));
            clock.addAndGet(1_000);
        }

        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("[00:00] fault       0s elapsed");
        assertThat(lines.get(1)).startsWith("[00:05] fault       5s elapsed");
        assertThat(lines.get(2)).startsWith("[00:10] fault      10s elapsed");
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void onATerminalItRedrawsOneLineAndKeepsEventsOnTheirOwn() {
        LiveProgress progress = new LiveProgress(out, true, 5_000, 60, clock::get, () -> false);

        progress.stage("load: 200 orders/s");
        progress.tick(tick(1, 10));
        progress.tick(tick(2, 30));
        progress.event("20.0s injected [lose the leader's region] on region r1");
        progress.tick(tick(3, 5));
        progress.finish();

        String s = printed();
        assertThat(s).startsWith("[00:00] == load: 200 orders/s\n\r\033[2Kfault       1s elapsed");
        assertThat(s).contains("…\r\033[2K[00:00]    20.0s injected [lose the leader's region] on region r1\n");
        // redrawn status lines are cut to the terminal's width
        assertThat(List.of(s.split("\r\033\\[2K|\n"))).filteredOn(l -> l.startsWith("fault "))
            .hasSize(3).allSatisfy(l -> assertThat(l).hasSize(59).endsWith("…"));
        assertThat(s).endsWith("\n");
    }

    @Test
    void theRollingP99IsTheWorstOfTheLastFiveSeconds() {
        LiveProgress progress = new LiveProgress(out, false, 0, 200, clock::get, () -> false);

        progress.tick(tick(1, 900));
        progress.tick(tick(2, 10));
        for (int i = 0; i < 5; i++) {
            progress.tick(tick(3 + i, 10));
        }

        List<String> lines = printed().lines().toList();
        assertThat(lines.get(1)).contains("p99 900 ms");
        assertThat(lines.get(6)).contains("p99 10 ms");
    }

    @Test
    void nothingIsPrintedWhilePaused() {
        AtomicBoolean prompting = new AtomicBoolean(true);
        LiveProgress progress = new LiveProgress(out, false, 0, 120, clock::get, prompting::get);

        progress.tick(tick(1, 10));
        prompting.set(false);
        progress.tick(tick(2, 10));

        assertThat(printed().lines()).hasSize(1);
    }
}
