package io.exchangechaos.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault ledger: a durable JSONL file every fault is written to before it is applied, so that anything a crashed
 * run left behind can be healed from the file alone. One ledger is shared by every run of one user on one machine.
 *
 * <pre>
 * {"v":1,"event":"inject","id":"f-…","at":"…Z","type":"network.latency","target":"…","owner":{…},"heal":{"kind":…}}
 * {"v":1,"event":"update","id":"f-…","at":"…Z","heal":{…}}            the recipe once the target has answered
 * {"v":1,"event":"heal-failed","id":"f-…","at":"…Z","detail":"…"}     an attempt that did not heal; still unhealed
 * {"v":1,"event":"healed","id":"f-…","at":"…Z","detail":"…"}
 * </pre>
 *
 * Every line is appended under an exclusive file lock (other processes) and a lock per file (other threads of this
 * JVM, which a file lock does not cover), then fsync'd before the call returns. A torn last line left by a crash is
 * skipped with a warning; the next append starts on a fresh line.
 *
 * <p>Being shared by every run on the machine, the file would only grow: {@link #compact} drops the lines of faults
 * healed long ago, writing the rest to a new file that replaces the ledger at once (a rename). Appends and compaction
 * both hold the lock of a sibling file, {@code ledger.jsonl.lock}, which is never replaced, so no append can land in
 * the file a compaction is replacing.
 */
public final class FaultLedger {
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FaultLedger.class);
    static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * One lock per ledger file for the whole JVM: two FileChannels of one JVM cannot both hold a FileLock (the JDK
     * throws OverlappingFileLockException), so threads queue here first. Keyed by absolute normalised path.
     */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock jvmLock;
    private final Clock clock;
    private volatile LedgerEntry.Owner self;

    public FaultLedger(Path file) {
        this(file, Clock.systemUTC());
    }

    FaultLedger(Path file, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, p -> new ReentrantLock());
        this.clock = clock;
    }

    /** {@code ${user.home}/.exchange-chaos/ledger.jsonl}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".exchange-chaos", "ledger.jsonl");
    }

    public static FaultLedger atDefaultPath() {
        return new FaultLedger(defaultPath());
    }

    public Path file() {
        return file;
    }

    /** A fresh fault id, short enough to embed in toxic and stub names: {@code f-} and 12 hex digits. */
    public String newFaultId() {
        return "f-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Appends and fsyncs the inject line; call it before touching the target. */
    public LedgerEntry recordInject(String id, String type, String target, HealRecipe heal) {
        Instant at = clock.instant();
        LedgerEntry.Owner owner = self();
        ObjectNode line = line("inject", id, at);
        line.put("type", type);
        line.put("target", target);
        ObjectNode o = line.putObject("owner");
        o.put("pid", owner.pid());
        o.put("startTicks", owner.startTicks());
        o.put("host", owner.host());
        line.set("heal", recipeJson(heal));
        append(line);
        return new LedgerEntry(id, type, target, at, owner, heal, Optional.empty(), Optional.empty());
    }

    /** Replaces the recipe of {@code id}, e.g. once a server has told us the id it gave the fault. */
    public void recordUpdate(String id, HealRecipe heal) {
        ObjectNode line = line("update", id, clock.instant());
        line.set("heal", recipeJson(heal));
        append(line);
    }

    /** Marks {@code id} healed (or found already gone: {@code detail} says which). */
    public Instant recordHealed(String id, String detail) {
        Instant at = clock.instant();
        append(line("healed", id, at).put("detail", detail));
        return at;
    }

    /** Records a heal attempt that failed; the fault stays unhealed. */
    public void recordHealFailed(String id, String reason) {
        append(line("heal-failed", id, clock.instant()).put("detail", reason));
    }

    /** Every fault the ledger knows, in inject order, and the lines it had to skip. */
    public Snapshot read() {
        String text;
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                // read until full
            }
            text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Snapshot(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fault ledger [" + file + "]: " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
        return parse(text);
    }

    public List<LedgerEntry> entries() {
        return read().entries();
    }

    /** Faults with no healed line: still in force, or left by a run that crashed. */
    public List<LedgerEntry> unhealed() {
        return read().entries().stream().filter(e -> !e.isHealed()).toList();
    }

    public Optional<LedgerEntry> entry(String id) {
        return read().entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The process this ledger writes as. */
    public LedgerEntry.Owner self() {
        LedgerEntry.Owner owner = self;
        if (owner == null) {
            long pid = ProcessHandle.current().pid();
            owner = new LedgerEntry.Owner(pid, ProcStat.startTicks(pid).orElse(0), hostName());
            self = owner;
        }
        return owner;
    }

    private Snapshot parse(String text) {
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // split leaves "" after a final newline; anything else there is a line the writer never finished.
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            boolean last = i == lines.length - 1;
            if (raw.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            JsonNode node;
            try {
                node = MAPPER.readTree(raw);
                if (node == null || !node.isObject() || !node.hasNonNull("id") || !node.hasNonNull("event")) {
                    throw new IllegalArgumentException("not a ledger line (no id or event)");
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String problem = file + ":" + lineNo + ": " + (last ? "torn last line" : "unreadable line")
                    + " ignored (" + firstLine(e.getMessage()) + "): " + abbreviate(raw);
                problems.add(problem);
                LOG.warn(problem);
                continue;
            }
            apply(node, entries, problems, lineNo);
        }
        return new Snapshot(List.copyOf(entries.values()), List.copyOf(problems));
    }

    private void apply(JsonNode node, Map<String, LedgerEntry> entries, List<String> problems, int lineNo) {
        String id = node.get("id").asText();
        String event = node.get("event").asText();
        Instant at = Instant.parse(node.path("at").asText(Instant.EPOCH.toString()));
        switch (event) {
            case "inject" -> {
                JsonNode o = node.path("owner");
                entries.put(id, new LedgerEntry(id, node.path("type").asText(), node.path("target").asText(), at,
                    new LedgerEntry.Owner(o.path("pid").asLong(), o.path("startTicks").asLong(), o.path("host").asText()),
                    recipe(node.get("heal")), Optional.empty(), Optional.empty()));
            }
            case "update" -> entries.computeIfPresent(id, (k, e) -> e.withHeal(recipe(node.get("heal"))));
            case "healed" -> entries.computeIfPresent(id, (k, e) -> e.withHealed(at, node.path("detail").asText(null)));
            case "heal-failed" -> {
                // history only: the fault is still unhealed
            }
            default -> problems.add(file + ":" + lineNo + ": unknown event [" + event + "] ignored");
        }
        if (!"inject".equals(event) && !entries.containsKey(id)) {
            problems.add(file + ":" + lineNo + ": " + event + " line for unknown fault [" + id + "] ignored");
        }
    }

    private static HealRecipe recipe(JsonNode json) {
        return HealRecipeKinds.registered().read(json);
    }

    private static JsonNode recipeJson(HealRecipe recipe) {
        return HealRecipeKinds.registered().write(recipe);
    }

    private static ObjectNode line(String event, String id, Instant at) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("v", FORMAT_VERSION);
        line.put("event", event);
        line.put("id", id);
        line.put("at", at.toString());
        return line;
    }

    private void append(ObjectNode json) {
        byte[] bytes = (json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        jvmLock.lock();
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            boolean created = !Files.exists(file);
            try (Guard guard = guard();
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                long end = channel.size();
                ByteBuffer out = ByteBuffer.wrap(bytes);
                if (end > 0 && !endsWithNewline(channel, end)) {
                    // A writer died mid-line: start ours on a fresh line so only the torn one is lost.
                    out = ByteBuffer.allocate(bytes.length + 1).put((byte) '\n').put(bytes).flip();
                }
                long position = end;
                while (out.hasRemaining()) {
                    position += channel.write(out, position);
                }
                channel.force(true);
            }
            if (created) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the fault ledger [" + file + "]: " + e.getMessage()
                + "; check that the directory is writable or choose another ledger path", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * The lock every writer holds first, on {@code ledger.jsonl.lock}: that file is never replaced, so whoever holds it
     * writes to the ledger file that is in place. Closing it closes its channel too: a channel left to the garbage
     * collector would, when closed, drop every lock this process holds on the file (POSIX locks belong to the process).
     */
    private Guard guard() throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel::close;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A held {@link #guard()}; closing the channel releases its lock. */
    @FunctionalInterface
    private interface Guard extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * Drops every line of the faults healed before {@code healedBefore}, at once: the lines kept are written to a new
     * file, synced, and renamed over the ledger, under the same locks as an append. Faults not healed, and lines it
     * cannot read, are kept as they are.
     *
     * @return how many faults were dropped (0, and the file untouched, when none was old enough)
     */
    public int compact(Instant healedBefore) {
        jvmLock.lock();
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            try (Guard guard = guard();
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
                while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                    // read until full
                }
                String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                Set<String> old = new HashSet<>();
                parse(text).entries().stream().filter(e -> e.healedAt().filter(h -> h.isBefore(healedBefore)).isPresent())
                    .forEach(e -> old.add(e.id()));
                if (old.isEmpty()) {
                    return 0;
                }
                StringBuilder kept = new StringBuilder();
                for (String line : text.split("\n")) {
                    if (!line.isBlank() && !old.contains(idOf(line))) {
                        kept.append(line).append('\n');
                    }
                }
                Path fresh = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".compacting");
                try {
                    try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
                        ByteBuffer bytes = ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8));
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                        out.force(true);
                    }
                    Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(fresh);
                }
                syncDirectory(file.getParent());
                LOG.info("compacted the fault ledger [{}]: dropped {} faults healed before {}", file, old.size(), healedBefore);
                return old.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the fault ledger [" + file + "]: " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** The fault id of a ledger line, or null when the line cannot be read (such lines are kept). */
    private static String idOf(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && node.hasNonNull("id") ? node.get("id").asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** Makes the new file's directory entry durable too; best effort (not every platform can open a directory). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    /** The kernel's host name first: environment variables differ between shells, the kernel's does not. */
    static String hostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    @Override
    public String toString() {
        return "FaultLedger[" + file + "]";
    }

    /** What one read of the file found. */
    public record Snapshot(List<LedgerEntry> entries, List<String> problems) {
        public List<LedgerEntry> unhealed() {
            return entries.stream().filter(e -> !e.isHealed()).toList();
        }
    }
}
