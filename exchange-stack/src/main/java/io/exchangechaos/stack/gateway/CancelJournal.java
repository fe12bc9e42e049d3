package io.exchangechaos.stack.gateway;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders of sessions with Cancel-on-Disconnect, written down as they are accepted, so that a gateway killed with
 * its sessions (nobody left to cancel for them) cancels them when it starts again. Appends reach the file before the
 * acknowledgement is sent, without fsync: a killed process loses nothing the kernel has, a lost machine may. A
 * session's graceful Logout takes its orders out; orders that ended (filled, cancelled) are only dropped when the file
 * is compacted, and cancelling one again at start is harmless.
 */
final class CancelJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CancelJournal.class);
    /** Appends before the file is rewritten with the orders still open. */
    private static final int COMPACT_AFTER = 10_000;

    /** An order to cancel at start: its account and client order id. */
    record Entry(long account, String clientOrderId) {
    }

    private final Path file;
    private BufferedWriter out;
    private int appends;

    private CancelJournal(Path file) {
        this.file = file;
    }

    /** Opens the journal and returns the orders a previous run left to cancel; the file starts empty again. */
    static CancelJournal open(Path file, List<Entry> leftOver) throws IOException {
        CancelJournal j = new CancelJournal(file);
        leftOver.addAll(read(file));
        j.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return j;
    }

    /** Lines: {@code + session account clientOrderId} when taken, {@code - session} on the session's Logout. */
    private static List<Entry> read(Path file) {
        Map<String, Map<String, Entry>> bySession = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.split(" ");
                if (p.length == 4 && p[0].equals("+")) {
                    bySession.computeIfAbsent(p[1], s -> new LinkedHashMap<>())
                        .put(p[3], new Entry(Long.parseLong(p[2]), p[3]));
                } else if (p.length == 2 && p[0].equals("-")) {
                    bySession.remove(p[1]);
                }
                // a torn last line (the process died mid-write) is skipped
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the Cancel-on-Disconnect journal {}: {}", file, e.toString());
        }
        List<Entry> all = new ArrayList<>();
        bySession.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /**
     * @param session the session and its logon, as one token without spaces
     * @param open    every order still resting under Cancel-on-Disconnect, as lines, for a compaction; it may take
     *                orders' locks, so no caller holds one
     */
    synchronized void taken(String session, long account, String clientOrderId, Supplier<List<String>> open) {
        write("+ " + session + " " + account + " " + clientOrderId);
        if (++appends >= COMPACT_AFTER) {
            compact(open.get());
        }
    }

    synchronized void loggedOut(String session) {
        write("- " + session);
    }

    private void write(String line) {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            LOG.warn("cannot write the Cancel-on-Disconnect journal {}: {}", file, e.toString());
        }
    }

    private void compact(List<String> lines) {
        appends = 0;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            out.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot compact the Cancel-on-Disconnect journal {}: {}", file, e.toString());
        }
        try {
            out.close();
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.warn("cannot reopen the Cancel-on-Disconnect journal {}: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
