package io.exchangechaos.core.bench;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import io.exchangechaos.core.load.LoadPlan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Overload and recovery of a running staged exchange (issue #22): one open-model load at a base rate, a surge to
 * {@code --surge} orders/s for {@code --overload} seconds in the middle of it, and the base rate again after. Not a
 * test; {@code bench/overload-bench.sh} starts the stack and runs this. Arguments:
 * <pre>
 *   --label NAME --entrypoints URL,… --pids PID,… --base 500 --surge 2000 --before 20 --overload 60 --after 30
 *   --warmup 15 --out FILE
 * </pre>
 * What it reports, per phase (by each order's intended send time): offered and acknowledged rate, what was shed
 * (failed or rejected with nothing done), what stayed unknown, the acknowledged orders' latency; the most file
 * descriptors each process of the stack held at once and its limit; and the recovery time: from the end of the surge
 * to the first of five seconds in a row whose acknowledged p99 is back within twice the base phase's (at least 50 ms)
 * with no more errors than the base phase had.
 */
public final class OverloadBench {
    static final int STEADY_SECONDS = 5;
    private OverloadBench() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String label = a.get("label");
        List<URI> entrypoints = Arrays.stream(a.get("entrypoints").split(",")).map(URI::create).toList();
        List<Long> pids = Arrays.stream(a.get("pids").split(",")).map(Long::parseLong).toList();
        double base = Double.parseDouble(a.get("base"));
        double surge = Double.parseDouble(a.get("surge"));
        Duration before = Duration.ofSeconds(Long.parseLong(a.getOr("before", "20")));
        Duration overload = Duration.ofSeconds(Long.parseLong(a.getOr("overload", "60")));
        Duration after = Duration.ofSeconds(Long.parseLong(a.getOr("after", "30")));
        Duration warm = Duration.ofSeconds(Long.parseLong(a.getOr("warmup", "15")));
        Path out = Path.of(a.get("out"));
        Path dir = out.toAbsolutePath().getParent().resolve("steps");

        if (!warm.isZero()) {
            BenchSteps.Measured w = BenchSteps.gatling(label + " warm-up", Math.min(50, base), warm, entrypoints, pids, dir, false);
            System.out.println("warm-up (discarded): " + w.figures().row());
        }
        String runId = "overload-" + label.replaceAll("\\W+", "-") + "-" + System.currentTimeMillis();
        LoadPlan plain = BenchSteps.plan(base, before.plus(overload).plus(after), entrypoints, runId);
        LoadPlan plan = new LoadPlan(plain.ratePerSecond(), plain.rampUp(), plain.duration(),
            List.of(new LoadPlan.Surge(before, surge, overload)), plain.limitShare(), plain.marketShare(),
            plain.cancelShare(), plain.symbols(), plain.accounts(), plain.requestTimeout(), plain.entrypoints(),
            plain.home(), plain.failover(), plain.maxAttempts(), plain.seed(), plain.runId());
        Descriptors fds = Descriptors.watch(pids);
        BenchSteps.Measured m;
        try {
            m = BenchSteps.run(label, plan, pids, dir, true);
        } finally {
            fds.stop();
        }
        String md = report(label, base, surge, before, overload, after, m, fds);
        BenchSteps.append(out, md);
        System.out.print(md);
        System.exit(0); // Gatling leaves non-daemon threads behind
    }

    static String report(String label, double base, double surge, Duration before, Duration overload, Duration after,
                         BenchSteps.Measured m, Descriptors fds) {
        List<Operation> ops = m.operations();
        long start = ops.stream().mapToLong(Operation::intendedMicros).min().orElse(0);
        long surgeStart = start + before.toNanos() / 1000;
        long surgeEnd = surgeStart + overload.toNanos() / 1000;
        long end = surgeEnd + after.toNanos() / 1000;
        Phase p1 = Phase.of("base", base, ops, start, surgeStart);
        Phase p2 = Phase.of("surge", surge, ops, surgeStart, surgeEnd);
        Phase p3 = Phase.of("after", base, ops, surgeEnd, end);
        double recovery = recoverySeconds(ops, surgeEnd, end, p1);
        StringBuilder s = new StringBuilder("### ").append(label).append(": ").append(fmt(base)).append("/s, ")
            .append(fmt(surge)).append("/s for ").append(overload.toSeconds()).append(" s, ").append(fmt(base))
            .append("/s again\n\n")
            .append("| phase | offered/s | acked ok/s | shed (failed/rejected, nothing done) | unknown | acked p50 ms | acked p99 ms | acked max ms |\n")
            .append("|---|---|---|---|---|---|---|---|\n");
        for (Phase p : List.of(p1, p2, p3)) {
            s.append(p.row()).append('\n');
        }
        s.append(String.format(Locale.ROOT, "%nRecovery after the surge: %s. Trusted (harness rule over the whole run): %s;"
                + " the generator's own p99 %.0f ms. CPU ms/op over the whole run: %.2f.%n",
            Double.isNaN(recovery) ? (p1.errorRatio > 0.05 || p1.acked == 0 ? "**none: the base phase itself was not healthy**"
                : "**not within the after phase**") : String.format(Locale.ROOT, "%.0f s", recovery),
            m.figures().trustworthy() ? "yes" : "**no**", m.figures().ownP99Millis(), m.figures().cpuMillisPerOp()));
        s.append("\nMost file descriptors held at once (limit): ").append(fds.summary()).append('\n');
        if (!m.errors().isEmpty()) {
            s.append("\nCommonest answers other than success: ").append(m.errors()).append('\n');
        }
        return s.append('\n').toString();
    }

    /**
     * Seconds from the end of the surge to the first of {@value #STEADY_SECONDS} seconds in a row (by intended send
     * time) whose acknowledged p99 is within max(2 × base p99, 50 ms) and whose error ratio is within the base
     * phase's + 1 % (and at most 5 %); NaN when no such run of seconds comes, or when the base phase itself was not
     * healthy (more than 5 % errors), since there is then no normal to return to. A run of seconds, not every later
     * second: on a shared machine a later blip is someone else's.
     */
    static double recoverySeconds(List<Operation> ops, long from, long to, Phase base) {
        if (base.errorRatio > 0.05 || base.acked == 0) {
            return Double.NaN;
        }
        double p99Limit = Math.max(2 * base.p99, 50);
        double errLimit = Math.min(base.errorRatio + 0.01, 0.05);
        TreeMap<Long, List<Operation>> bySecond = new TreeMap<>();
        for (Operation op : ops) {
            if (op.intendedMicros() >= from && op.intendedMicros() < to) {
                bySecond.computeIfAbsent((op.intendedMicros() - from) / 1_000_000, k -> new ArrayList<>()).add(op);
            }
        }
        long seconds = (to - from) / 1_000_000;
        long firstGood = -1;
        for (long t = 0; t < seconds; t++) {
            Phase p = Phase.of("s", 0, bySecond.getOrDefault(t, List.of()), Long.MIN_VALUE, Long.MAX_VALUE);
            boolean good = p.acked > 0 && p.p99 <= p99Limit && p.errorRatio <= errLimit;
            if (good && firstGood < 0) {
                firstGood = t;
            } else if (!good) {
                firstGood = -1;
            }
            if (firstGood >= 0 && t - firstGood + 1 >= STEADY_SECONDS) {
                return firstGood;
            }
        }
        return Double.NaN;
    }

    record Phase(String name, double offered, double seconds, long count, long acked, long shed, long unknown,
                 double p50, double p99, double max, double errorRatio) {
        static Phase of(String name, double offered, List<Operation> all, long from, long to) {
            List<Long> lat = new ArrayList<>();
            long count = 0;
            long shed = 0;
            long unknown = 0;
            for (Operation op : all) {
                if (op.intendedMicros() < from || op.intendedMicros() >= to) {
                    continue;
                }
                count++;
                if (op.outcome() == Outcome.OK) {
                    lat.add(op.latencyMicros());
                } else if (op.answer() == Answer.Kind.UNKNOWN) {
                    unknown++;
                } else {
                    shed++;
                }
            }
            lat.sort(null);
            double seconds = from == Long.MIN_VALUE ? 1 : (to - from) / 1e6;
            return new Phase(name, offered, seconds, count, lat.size(), shed, unknown, pct(lat, 0.5), pct(lat, 0.99),
                lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1000.0, count == 0 ? 0 : (double) (shed + unknown) / count);
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %.1f | %d (%.1f %%) | %d | %.0f | %.0f | %.0f |", name,
                fmt(offered), acked / seconds, shed, count == 0 ? 0 : 100.0 * shed / count, unknown, p50, p99, max);
        }
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * q))) / 1000.0;
    }

    private static String fmt(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    /** Samples every second how many descriptors each process of the stack holds; keeps the most per process. */
    static final class Descriptors {
        private final Map<String, Long> most = new ConcurrentHashMap<>();
        private final Map<String, String> limits = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Descriptors(List<Long> roots) {
            thread = new Thread(() -> {
                while (running) {
                    sample(roots);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fd-sampler");
            thread.setDaemon(true);
        }

        static Descriptors watch(List<Long> roots) {
            Descriptors d = new Descriptors(roots);
            d.thread.start();
            return d;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }

        private void sample(List<Long> roots) {
            List<ProcessHandle> all = new ArrayList<>();
            for (long pid : roots) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    all.add(p);
                    p.descendants().forEach(all::add);
                });
            }
            all.add(ProcessHandle.current());
            for (ProcessHandle p : all) {
                long n = count(p.pid());
                if (n < 0) {
                    continue;
                }
                String name = p.pid() == ProcessHandle.current().pid() ? "load generator" : ProcCpu.label(p.pid());
                most.merge(name, n, Math::max);
                limits.computeIfAbsent(name, k -> limit(p.pid()));
            }
        }

        private static long count(long pid) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.count();
            } catch (IOException | RuntimeException gone) {
                return -1;
            }
        }

        private static String limit(long pid) {
            try {
                return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).map(l -> l.trim().split("\\s+")[3]).findFirst().orElse("?");
            } catch (IOException | RuntimeException gone) {
                return "?";
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(most).forEach((name, n) -> s.append(name).append(' ').append(n).append(" (")
                .append(limits.getOrDefault(name, "?")).append("); "));
            return s.toString();
        }
    }
}
