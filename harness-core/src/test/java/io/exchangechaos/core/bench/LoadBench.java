package io.exchangechaos.core.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sustained order rate and ack latency of a running staged exchange, driven by the harness's own Gatling load from
 * this separate process at stepped open-model rates. Not a test; {@code bench/load-bench.sh} starts the stack and
 * runs this. Arguments (all required but --warmup, --p99):
 * <pre>
 *   --label NAME --entrypoints URL,URL… --pids PID,… --rates 50,100,… --step 30 --warmup 20 --out FILE [--p99 50]
 * </pre>
 * {@code --pids}: the processes whose CPU is measured with their descendants (the stack's root process), besides
 * this JVM. {@code --out}: a Markdown file the step table is appended to.
 */
public final class LoadBench {
    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String label = a.get("label");
        List<URI> entrypoints = Arrays.stream(a.get("entrypoints").split(",")).map(URI::create).toList();
        List<Long> pids = Arrays.stream(a.get("pids").split(",")).map(Long::parseLong).toList();
        List<Double> rates = Arrays.stream(a.get("rates").split(",")).map(Double::parseDouble).toList();
        Duration step = Duration.ofSeconds(Long.parseLong(a.get("step")));
        Duration warm = Duration.ofSeconds(Long.parseLong(a.getOr("warmup", "20")));
        double p99 = Double.parseDouble(a.getOr("p99", "50"));
        Path out = Path.of(a.get("out"));
        Path dir = out.toAbsolutePath().getParent().resolve("steps");

        if (!warm.isZero()) {
            BenchSteps.Measured w = BenchSteps.gatling(label + " warm-up", Math.min(50, rates.get(0)), warm, entrypoints,
                pids, dir, false);
            System.out.println("warm-up (discarded): " + w.figures().row());
        }
        List<BenchSteps.Measured> steps = new ArrayList<>();
        for (double rate : rates) {
            BenchSteps.Measured m = BenchSteps.gatling(label, rate, step, entrypoints, pids, dir, true);
            steps.add(m);
            System.out.println(m.figures().row());
            Thread.sleep(2_000); // let a backlog drain before the next step
        }
        String md = BenchSteps.markdown(label, steps) + "\n"
            + StepFigures.conclusion(steps.stream().map(BenchSteps.Measured::figures).toList(), p99) + "\n\n";
        BenchSteps.append(out, md);
        System.out.print(md);
        System.exit(0); // Gatling leaves non-daemon threads behind
    }
}
