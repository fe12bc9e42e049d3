package io.exchangechaos.server.dns;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@code capacity} queries in memory, every query counted, and optionally every query
 * appended to a JSONL file (flushed per line so a crashed run still has its evidence).
 */
final class QueryLog implements AutoCloseable {

    /** Beyond this many distinct names (e.g. random names from a scanner) counts share one bucket. */
    static final int MAX_COUNTED_NAMES = 10_000;
    static final String OTHER_NAMES = "(other names)";

    private static final Logger LOG = LoggerFactory.getLogger(QueryLog.class);

    private final int capacity;
    private final ArrayDeque<QueryLogEntry> recent;
    private final Map<String, EnumMap<QueryOutcome, Long>> byName = new HashMap<>();
    private final Map<String, Long> byFault = new LinkedHashMap<>();
    private long total;
    private final Object fileLock = new Object();
    private BufferedWriter file;
    private final Path filePath;

    QueryLog(int capacity, Path filePath) throws IOException {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
        this.filePath = filePath;
        if (filePath != null) {
            Path parent = filePath.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.file = Files.newBufferedWriter(filePath, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
    }

    void record(QueryLogEntry entry) {
        synchronized (this) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(entry);
            total++;
            String key = byName.containsKey(entry.name()) || byName.size() < MAX_COUNTED_NAMES ? entry.name() : OTHER_NAMES;
            byName.computeIfAbsent(key, k -> new EnumMap<>(QueryOutcome.class)).merge(entry.outcome(), 1L, Long::sum);
            if (entry.faultId() != null) {
                byFault.merge(entry.faultId(), 1L, Long::sum);
            }
        }
        appendToFile(entry);
    }

    private void appendToFile(QueryLogEntry entry) {
        synchronized (fileLock) {
            if (file == null) {
                return;
            }
            try {
                file.write(DnsJson.entry(entry).toString());
                file.newLine();
                file.flush();
            } catch (IOException e) {
                // Stop writing rather than log one error per query; memory log and counts go on.
                LOG.error("query log file [{}] is no longer written: {}", filePath, e.toString());
                closeQuietly();
            }
        }
    }

    synchronized List<QueryLogEntry> entries(QueryFilter filter) {
        List<QueryLogEntry> matching = new ArrayList<>();
        for (QueryLogEntry entry : recent) {
            if (filter.accepts(entry)) {
                matching.add(entry);
            }
        }
        int from = Math.max(0, matching.size() - filter.limit());
        return List.copyOf(matching.subList(from, matching.size()));
    }

    synchronized QueryCounts counts() {
        Map<String, Map<QueryOutcome, Long>> names = new HashMap<>();
        byName.forEach((name, counts) -> names.put(name, Map.copyOf(counts)));
        return new QueryCounts(names, byFault);
    }

    synchronized long total() {
        return total;
    }

    @Override
    public void close() {
        synchronized (fileLock) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("closing query log file [{}]: {}", filePath, e.toString());
            }
            file = null;
        }
    }
}
