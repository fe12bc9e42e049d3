package io.exchangechaos.core.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of one definition instead of stopping at the first, and knows where each field
 * was written so a check that only knows a path ({@code timeline[1].duration}) can still report a line.
 *
 * <p>Shared by the topology and scenario readers; not thread-safe, one per load.
 */
public final class Problems {

    private final String file;
    private final Map<String, Location> valueLocations = new HashMap<>();
    private final Map<String, Location> keyLocations = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    public Problems(String file) {
        this.file = file == null ? "" : file;
    }

    /** For definitions written in Java: no file, no locations, paths only. */
    public static Problems withoutSource() {
        return new Problems("");
    }

    public String file() {
        return file;
    }

    /** Remembers where the value of {@code path} and its key were written. */
    public void locate(String path, Location key, Location value) {
        keyLocations.putIfAbsent(path, key);
        valueLocations.putIfAbsent(path, value);
    }

    /** True if the file wrote something at {@code path} (even if it was invalid). */
    public boolean isWritten(String path) {
        return valueLocations.containsKey(path);
    }

    /** Where {@code path} was written; for a missing field, where its closest written parent is. */
    public Location locationOf(String path) {
        String p = path;
        while (true) {
            Location location = valueLocations.get(p);
            if (location != null) {
                return location;
            }
            if (p.isEmpty()) {
                return file.isEmpty() ? Location.UNKNOWN : new Location(1, 1);
            }
            p = parent(p);
        }
    }

    public Location keyLocationOf(String path) {
        Location location = keyLocations.get(path);
        return location != null ? location : locationOf(path);
    }

    /** A problem with the value at {@code path}. */
    public void add(String path, Object value, String message) {
        at(locationOf(path), path, value, message);
    }

    /** A problem at an explicit location (unknown keys point at the key, not at its value). */
    public void at(Location location, String path, Object value, String message) {
        Location where = file.isEmpty() ? Location.UNKNOWN : location;
        problems.add(new Problem(file, where.line(), where.column(), path, value == null ? "" : String.valueOf(value), message));
    }

    /** Adds problems found in another file (e.g. the topology a scenario names). */
    public void addAll(List<Problem> others) {
        problems.addAll(others);
    }

    public boolean hasProblemAt(String path) {
        return problems.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + ".") || p.path().startsWith(path + "["));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Problems grouped by file (in order of first appearance), each group in line order. */
    public List<Problem> list() {
        Map<String, List<Problem>> byFile = new LinkedHashMap<>();
        for (Problem problem : problems) {
            byFile.computeIfAbsent(problem.file(), f -> new ArrayList<>()).add(problem);
        }
        List<Problem> sorted = new ArrayList<>();
        for (List<Problem> group : byFile.values()) {
            group.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            sorted.addAll(group);
        }
        return List.copyOf(sorted);
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
