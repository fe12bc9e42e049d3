package io.exchangechaos.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wall clock stepped during a run moves no operation against its schedule. The harness's load runs in a JVM of its
 * own under libfaketime (Debian's), whose wall clock steps 3 s ahead mid-run while its monotonic clock runs on,
 * as an NTP correction or a resumed virtual machine does; Gatling schedules on the monotonic clock. Before the
 * history's timestamps were taken on {@code SteadyClock}, every operation after the step showed a 3 s start lag and
 * the run was judged untrustworthy (seen in CI: "the load generator fell behind its schedule: p99 start lag 3016 ms").
 */
class SteppedWallClockIT {
    private static final int STEP_AFTER_SECONDS = 10;
    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    @TempDir
    Path dir;

    @Test
    void aWallClockSteppedMidRunMovesNoOperation() throws Exception {
        assertThat(LIBFAKETIME).as("Debian's libfaketime (.ci/run installs it)").exists();
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.exchangechaos.core.bench.SteppedClockLoad",
            out.toString(), "40", "12", String.valueOf(STEP_AFTER_SECONDS))
            .redirectErrorStream(true).redirectOutput(dir.resolve("load.log").toFile());
        pb.environment().put("LD_PRELOAD", LIBFAKETIME.toString());
        // 3 s ahead, from STEP_AFTER_SECONDS after the process started; the monotonic clock runs on, as it does when
        // the wall clock is corrected
        pb.environment().put("FAKETIME", "+3");
        pb.environment().put("FAKETIME_START_AFTER_SECONDS", String.valueOf(STEP_AFTER_SECONDS));
        pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        Process load = pb.start();
        try {
            assertThat(load.waitFor(120, TimeUnit.SECONDS)).as("the load ends").isTrue();
        } finally {
            load.destroyForcibly();
        }
        assertThat(load.exitValue()).as(Files.readString(dir.resolve("load.log"))).isZero();

        // the wall clock did move, while the load ran (else this proved nothing) ...
        String clock = Files.readString(out.resolve("clock.txt"));
        assertThat(figure(clock, "wall-ahead-micros")).as("the child's wall clock was stepped: " + clock)
            .isBetween(2_500_000L, 3_500_000L);
        long stepAt = figure(clock, "step-at-micros");
        List<Operation> ops = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path step : files.filter(Files::isDirectory).toList()) {
                if (Files.exists(step.resolve("history.jsonl"))) {
                    ops.addAll(History.read(step.resolve("history.jsonl")));
                }
            }
        }
        List<Long> before = lags(ops, o -> o.intendedMicros() < stepAt - 500_000);
        List<Long> after = lags(ops, o -> o.intendedMicros() > stepAt + 500_000);
        assertThat(before).as("operations due before the step (the JVM started too slowly if none)").hasSizeGreaterThan(40);
        assertThat(after).as("operations due after the step").hasSizeGreaterThan(40);
        // ... and moved no operation against its schedule: a step shows as the whole step on every later operation;
        // the medians, not the worst, so a busy machine's own delays are not mistaken for it
        assertThat(median(after) - median(before)).as("start lag after the 3 s step minus before it, in microseconds")
            .isLessThan(1_000_000L);
    }

    private static long figure(String text, String name) {
        return Long.parseLong(text.replaceAll("(?s).*" + name + "=(-?\\d+).*", "$1"));
    }

    private static List<Long> lags(List<Operation> ops, java.util.function.Predicate<Operation> which) {
        return ops.stream().filter(which).map(o -> o.sentMicros() - o.intendedMicros()).sorted().toList();
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
