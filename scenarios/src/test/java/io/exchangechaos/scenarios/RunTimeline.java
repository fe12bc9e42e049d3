package io.exchangechaos.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a cell that came out other than expected prints with its assertion: the run's operations in 2 s slices (by
 * the time each was sent) and the engine replicas' leader elections. A CI log is often all there is of such a run;
 * this is enough to tell a stall of the stack from a fault that hurt more than budgeted.
 */
final class RunTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SLICE_MICROS = 2_000_000;
    private static final Pattern ELECTED = Pattern.compile("^(\\S+) .*\\b(r\\d+)@group-\\S+ ELECTION round \\d+: result PASSED");

    private RunTimeline() {
    }

    static String of(Path runDir) {
        StringBuilder out = new StringBuilder();
        try {
            out.append(slices(runDir.resolve("history.jsonl")));
            out.append(elections(runDir.resolve("logs")));
            out.append("load average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
        } catch (IOException | RuntimeException e) {
            out.append("(no timeline: ").append(e).append(")\n");
        }
        return out.toString();
    }

    private static String slices(Path history) throws IOException {
        if (!Files.isRegularFile(history)) {
            return "(no history.jsonl)\n";
        }
        List<JsonNode> ops = new ArrayList<>();
        for (String line : Files.readAllLines(history)) {
            if (!line.isBlank()) {
                ops.add(JSON.readTree(line));
            }
        }
        long first = ops.stream().mapToLong(o -> o.path("sentMicros").asLong()).filter(t -> t > 0).min().orElse(0);
        TreeMap<Long, List<JsonNode>> bySlice = new TreeMap<>();
        for (JsonNode o : ops) {
            long sent = o.path("sentMicros").asLong();
            if (sent > 0) {
                bySlice.computeIfAbsent((sent - first) / SLICE_MICROS, k -> new ArrayList<>()).add(o);
            }
        }
        StringBuilder out = new StringBuilder("operations by the time they were sent (s: sent ok not-ok "
            + "p50/p99/max ms; max start lag ms):\n");
        bySlice.forEach((slice, list) -> {
            long ok = list.stream().filter(o -> "OK".equals(o.path("outcome").asText())).count();
            long[] lat = list.stream().mapToLong(o -> o.path("latencyMicros").asLong() / 1000).sorted().toArray();
            long lag = list.stream().mapToLong(o -> Math.max(0, o.path("sentMicros").asLong()
                - o.path("intendedMicros").asLong()) / 1000).max().orElse(0);
            out.append(String.format(Locale.ROOT, "  %3ds %4d %4d %4d  %5d/%5d/%5d  %5d%n", slice * 2, list.size(), ok,
                list.size() - ok, at(lat, 0.5), at(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1], lag));
        });
        return out.toString();
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static String elections(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return "";
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("engine")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = ELECTED.matcher(line);
                    if (m.find()) {
                        found.add(m.group(1) + " " + m.group(2) + " elected");
                    }
                }
            }
        }
        found.sort(null);
        return "leader elections (engine logs): " + (found.isEmpty() ? "none found" : String.join(", ", found)) + '\n';
    }
}
