package io.exchangechaos.core.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The highest order rate one harness process can drive while its latency figures stay trustworthy: the harness's
 * Gatling load (in this JVM, as the runner uses it) against an exchange that costs nothing ({@link TrivialExchange},
 * another process), stepping the rate up; at every rate a plain fixed-rate JDK HttpClient loop measures the same
 * endpoint first, as the baseline. Not a test; {@code bench/harness-rate.sh} runs it. Arguments:
 * <pre>
 *   --target URL --pids SERVER_PID --rates 500,1000,… --step 20 --warmup 10 --out FILE [--p99 10]
 * </pre>
 * {@code --p99}: the p99 in ms above which the generator's figures for an instant endpoint count as inflated.
 */
public final class HarnessRateBench {
    private HarnessRateBench() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        URI target = URI.create(a.get("target"));
        List<Long> pids = Arrays.stream(a.get("pids").split(",")).map(Long::parseLong).toList();
        List<Double> rates = Arrays.stream(a.get("rates").split(",")).map(Double::parseDouble).toList();
        Duration step = Duration.ofSeconds(Long.parseLong(a.get("step")));
        Duration warm = Duration.ofSeconds(Long.parseLong(a.getOr("warmup", "10")));
        double p99 = Double.parseDouble(a.getOr("p99", "10"));
        Path out = Path.of(a.get("out"));
        Path dir = out.toAbsolutePath().getParent().resolve("steps");

        if (!warm.isZero()) {
            double w = Math.min(500, rates.get(0));
            System.out.println("warm-up (discarded): " + BenchSteps.httpClient("baseline warm-up", w, warm, target, pids).figures().row());
            System.out.println("warm-up (discarded): "
                + BenchSteps.gatling("harness warm-up", w, warm, List.of(target), pids, dir, false).figures().row());
        }
        List<BenchSteps.Measured> baseline = new ArrayList<>();
        List<BenchSteps.Measured> harness = new ArrayList<>();
        List<BenchSteps.Measured> all = new ArrayList<>();
        for (double rate : rates) {
            BenchSteps.Measured b = BenchSteps.httpClient("baseline: JDK HttpClient loop", rate, step, target, pids);
            System.out.println(b.figures().row());
            Thread.sleep(1_000);
            BenchSteps.Measured h = BenchSteps.gatling("harness: Gatling (GatlingLoadDriver)", rate, step, List.of(target),
                pids, dir, false);
            System.out.println(h.figures().row());
            Thread.sleep(1_000);
            baseline.add(b);
            harness.add(h);
            all.add(b);
            all.add(h);
        }
        String md = BenchSteps.markdown("one harness process against an instant endpoint", all) + "\n"
            + "harness: " + StepFigures.conclusion(harness.stream().map(BenchSteps.Measured::figures).toList(), p99) + "\n\n"
            + "baseline: " + StepFigures.conclusion(baseline.stream().map(BenchSteps.Measured::figures).toList(), p99) + "\n\n";
        BenchSteps.append(out, md);
        System.out.print(md);
        System.exit(0); // Gatling leaves non-daemon threads behind
    }
}
