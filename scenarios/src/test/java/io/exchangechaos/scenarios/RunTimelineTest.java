package io.exchangechaos.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTimelineTest {

    @Test
    void slicesOperationsByTheTimeTheyWereSentAndListsElections(@TempDir Path run) throws Exception {
        long t0 = 1_795_741_129_000_000L;
        Files.writeString(run.resolve("history.jsonl"), String.join("\n",
            op(t0, t0, 40_000, "OK"),
            op(t0 + 500_000, t0 + 500_000, 60_000, "OK"),
            op(t0 + 2_100_000, t0 + 2_400_000, 3_300_000, "INFO"),
            op(t0 + 2_200_000, t0 + 2_250_000, 3_100_000, "OK")) + "\n");
        Files.createDirectories(run.resolve("logs"));
        Files.writeString(run.resolve("logs/engine-r2.log"), "00:59:16.809 INFO  [r2@group-C1-LeaderElection1] "
            + "o.a.r.s.i.LeaderElection - r2@group-C1-LeaderElection1 ELECTION round 2: result PASSED\n"
            + "00:59:12.739 INFO  [r2@group-C1-LeaderElection1] o.a.r.s.i.LeaderElection - r2@group-C1-LeaderElection1 "
            + "PRE_VOTE round 0: submit vote requests at term 1\n");

        String timeline = RunTimeline.of(run);

        assertThat(timeline).contains("    0s    2    2    0     40/   60/   60      0")
            .contains("    2s    2    1    1   3100/ 3300/ 3300    300")
            .contains("leader elections (engine logs): 00:59:16.809 r2 elected")
            .doesNotContain("PRE_VOTE");
    }

    @Test
    void saysSoWhenTheRunLeftNoHistory(@TempDir Path run) {
        assertThat(RunTimeline.of(run)).contains("(no history.jsonl)");
    }

    private static String op(long intended, long sent, long latency, String outcome) {
        return "{\"op\":\"place\",\"intendedMicros\":" + intended + ",\"sentMicros\":" + sent + ",\"latencyMicros\":"
            + latency + ",\"outcome\":\"" + outcome + "\"}";
    }
}
