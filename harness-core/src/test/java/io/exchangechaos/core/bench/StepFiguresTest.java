package io.exchangechaos.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepFiguresTest {
    private static final long T0 = 1_000_000_000_000L;

    private static Operation op(long k, long intendedOffsetMicros, long lagMicros, long latencyMicros, Outcome outcome) {
        long intended = T0 + intendedOffsetMicros;
        long sent = intended + lagMicros;
        Answer.Kind kind = outcome == Outcome.OK ? Answer.Kind.ACKNOWLEDGED : Answer.Kind.FAILED;
        return new Operation(k, "place", "c" + k, 1, "BTC-USD", "BUY", "LIMIT", 1, 1, "http://x/", 1, intended, sent,
            sent + latencyMicros, latencyMicros, outcome, kind, "NEW", "200");
    }

    @Test
    void figuresOfAStep() {
        // 100 ops over 1 s at 100/s: latency k ms, two failures, the last 10 answered after the window
        List<Operation> ops = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            long latency = (k + 1) * 1_000L;
            long offset = k * 10_000L;
            if (k >= 90) {
                latency = 1_000_000; // answered after the 1 s window
            }
            ops.add(op(k, offset, 500, latency, k == 3 || k == 4 ? Outcome.FAIL : Outcome.OK));
        }
        StepFigures f = StepFigures.of("t", 100, 1, 100, 100, ops, T0, 700, 0.5);
        assertThat(f.answered()).isEqualTo(100);
        assertThat(f.errorRatio()).isEqualTo(0.02);
        assertThat(f.achieved()).as("88 acked inside the window").isEqualTo(88);
        // 98 acked latencies: 1..90 ms without 4 and 5, then 8 × 1000 ms; p50 = index 49 → 52 ms
        assertThat(f.p50()).isEqualTo(52.0);
        assertThat(f.p99()).isEqualTo(1000.0);
        assertThat(f.lagP99Millis()).isEqualTo(0.5);
        assertThat(f.trustworthy()).isTrue();
        assertThat(f.cpuMillisPerOp()).isEqualTo(7.0);
        assertThat(f.row()).isEqualTo("| t | 100 | 100 | 100 | 88.0 | 2.00 % | 52 | 1000 | 1000 | 1000 | 1 | – | yes | 7.00 | 50 % |");
    }

    @Test
    void theHarnessTrustRuleDecides() {
        List<Operation> ops = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            ops.add(op(k, k * 10_000L, 2_000_000, 1_000, Outcome.OK));
        }
        assertThat(StepFigures.of("late", 100, 1, 100, 100, ops, T0, 0, 0).trustworthy()).as("2 s lag").isFalse();
        assertThat(StepFigures.of("short", 100, 1, 100, 89, ops.subList(0, 89), T0, 0, 0).trustworthy()).isFalse();
    }

    @Test
    void conclusionNamesTheLastRateMeetingTheTargetAndTheSaturationPoint() {
        List<StepFigures> steps = List.of(
            step(50, 50, 10, true), step(100, 99, 30, true), step(150, 140, 80, true), step(200, 150, 900, false));
        assertThat(StepFigures.conclusion(steps, 50)).isEqualTo("highest rate meeting p99 ≤ 50 ms (trusted, ≤ 1 % errors): "
            + "100/s; peak achieved 150 ok/s (offered 200/s); first step achieving < 90 % of offered: 200/s");
        assertThat(StepFigures.conclusion(List.of(step(50, 50, 60, true)), 50)).startsWith(
            "highest rate meeting p99 ≤ 50 ms (trusted, ≤ 1 % errors): none;");
    }

    private static StepFigures step(double offered, double achieved, double p99, boolean trusted) {
        return new StepFigures("s", offered, 30, 0, 0, 0, achieved, 0, 1, p99, p99, p99, 0, trusted, 1, 0.5, Double.NaN);
    }

    @Test
    void procParsing() {
        assertThat(ProcCpu.parseTicks("1234 (java (x) y) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0")).isEqualTo(300);
        assertThat(ProcCpu.parseMachine("cpu  100 5 50 800 20 1 2 0 0 0")).containsExactly(158, 978);
        assertThat(ProcCpu.labelOf(new String[] {"/usr/bin/java", "-Xmx256m", "-cp", "/a.jar:/b/*",
            "io.exchangechaos.stack.engine.EngineMain", "--id", "r1", "--http", "127.0.1.20:9090"}, 7)).isEqualTo("EngineMain r1");
        assertThat(ProcCpu.labelOf(new String[] {"java", "-Dexchangechaos.topologies=/x", "io.exchangechaos.cli.ChaosMain",
            "stack", "up"}, 7)).isEqualTo("ChaosMain");
        assertThat(ProcCpu.labelOf(new String[] {"/bin/sleep", "5"}, 9)).isEqualTo("sleep (pid 9)");
    }
}
