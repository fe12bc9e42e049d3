package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Game-day mode through a real terminal: ci/gameday-tmux-test.sh drives ./chaos gameday in tmux. */
class GamedayTmuxIT {

    @Test
    void anOperatorInjectsNotesAndSkipsThroughATerminal() throws Exception {
        Path out = Launcher.ROOT.resolve("cli/target/it-gameday");

        Launcher.Result r = Launcher.run(Launcher.ROOT, Map.of("CHAOS_TEST_OUT", out.toString()), Duration.ofMinutes(8),
            List.of("bash", Launcher.ROOT.resolve("ci/gameday-tmux-test.sh").toString()));

        Assumptions.assumeFalse(r.exit() == 77, r.out());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASS: game day through tmux");
        System.out.println(r.out());
    }
}
