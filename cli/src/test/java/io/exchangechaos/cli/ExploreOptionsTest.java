package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explore} given wrong values: every one told at once with its fix, exit 2, and nothing started or written. */
class ExploreOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void everyWrongValueIsToldAtOnceAndNothingIsWritten() {
        // GIVEN / WHEN
        Path out = tmp.resolve("runs");
        Cli r = Cli.run("explore", "--seed", "-3", "--runs", "0", "--time", "4s", "--faults", "kill,latncy,slice",
            "--weakness", "ack-before-replicaton", "--max-steps", "11", "--shrink-runs", "x", "--out", out.toString());

        // THEN
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactlyInAnyOrder(
            "--weakness [ack-before-replicaton]: unknown weakness; did you mean ack-before-replication?",
            "--seed [-3]: negative; pass a whole number of 0 or more, e.g. --seed 42",
            "--runs [0]: not a whole number from 1 to 100000; e.g. --runs 20",
            "--max-steps [11]: not a whole number from 1 to 10; e.g. --max-steps 3",
            "--shrink-runs [x]: not a whole number from 0 to 100000; e.g. --shrink-runs 30",
            "--time [4s]: shorter than 6s; a fault needs room between the baseline and the recovery, e.g. --time 30s",
            "--faults [latncy]: unknown fault kind; did you mean latency?",
            "--faults [slice]: a fault kind explore cannot build params for; use kill, terminate, freeze, restart, "
                + "latency, bandwidth, blackhole, reset, partition, slow-close, dns, dependency, config-push");
        assertThat(r.out()).doesNotContain("Exploring");
        assertThat(Files.exists(out.resolve("explore-seed-3"))).isFalse();
    }

    @Test
    void seedAndRunsAreRequired() {
        Cli r = Cli.run("explore", "--runs", "3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("explore: Missing required option: '--seed=N'");
    }
}
