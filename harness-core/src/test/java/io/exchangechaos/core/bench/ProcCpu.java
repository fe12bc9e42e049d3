package io.exchangechaos.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of processes and of the whole machine from {@code /proc} (Linux), so a benchmark step can say how much
 * CPU each process spent on it: the deltas of utime + stime between two snapshots.
 */
final class ProcCpu {
    /** USER_HZ: /proc reports CPU time in clock ticks of 10 ms on every Linux this runs on. */
    static final double TICK_MILLIS = 10.0;

    private ProcCpu() {
    }

    /** CPU ticks (user + system) per process, keyed by a readable label; and the machine's busy and total ticks. */
    record Snapshot(long nanos, Map<String, Long> perProcess, long machineBusy, long machineTotal) {
        /** Milliseconds of CPU per process between {@code before} and this, largest first. */
        Map<String, Double> millisSince(Snapshot before) {
            Map<String, Double> out = new LinkedHashMap<>();
            perProcess.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.perProcess.getOrDefault(e.getKey(), 0L)) * TICK_MILLIS))
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }

        double totalMillisSince(Snapshot before) {
            return millisSince(before).values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Share of both cores' time the whole machine was busy (every process, other users' too). */
        double machineBusySince(Snapshot before) {
            long total = machineTotal - before.machineTotal;
            return total <= 0 ? 0 : (double) (machineBusy - before.machineBusy) / total;
        }
    }

    /** The given roots, every live descendant of theirs, and this JVM (labelled "load generator (this JVM)"). */
    static Snapshot take(List<Long> roots) {
        Map<String, Long> per = new LinkedHashMap<>();
        List<ProcessHandle> all = new ArrayList<>();
        for (long pid : roots) {
            ProcessHandle.of(pid).ifPresent(p -> {
                all.add(p);
                p.descendants().forEach(all::add);
            });
        }
        for (ProcessHandle p : all) {
            ticks(p.pid()).ifPresent(t -> per.merge(label(p.pid()), t, Long::sum));
        }
        ticks(ProcessHandle.current().pid()).ifPresent(t -> per.put("load generator (this JVM)", t));
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), per, machine[0], machine[1]);
    }

    /** utime + stime of a process, in ticks: fields 14 and 15 of /proc/PID/stat, counted after the command's ')'. */
    static Optional<Long> ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return Optional.of(parseTicks(stat));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    static long parseTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after the ')': state(3) ppid(4) ... utime is field 14, i.e. index 11 here; stime index 12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** A process as a person reads it: the Java main class and its --id / --listen, or the command name. */
    static String label(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String[] argv = new String(raw, StandardCharsets.UTF_8).split("\0");
            return labelOf(argv, pid);
        } catch (IOException e) {
            return "pid " + pid;
        }
    }

    static String labelOf(String[] argv, long pid) {
        String main = null;
        String id = null;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (main == null && a.matches("[a-z][\\w.]*\\.[A-Z]\\w*") && !a.startsWith("-")) {
                main = a.substring(a.lastIndexOf('.') + 1);
            }
            if ((a.equals("--id") || (id == null && a.equals("--listen"))) && i + 1 < argv.length) {
                id = argv[i + 1];
            }
        }
        if (main == null) {
            String cmd = argv.length == 0 ? "?" : argv[0];
            return cmd.substring(cmd.lastIndexOf('/') + 1) + " (pid " + pid + ")";
        }
        return id == null ? main : main + " " + id;
    }

    /** Busy and total ticks of the machine, from the first line of /proc/stat. */
    static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return parseMachine(first);
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static long[] parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        // cpu user nice system idle iowait irq softirq steal [guest guest_nice — already counted in user/nice]
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[] {total - idle, total};
    }
}
