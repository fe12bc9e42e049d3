package io.exchangechaos.core.run;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the file system holding a run directory still has room for the run's evidence: the history, the stack's
 * logs and data, the reports. Below {@link #LOW} free a run stops: what it would write next may be lost, and a run
 * that cannot keep its evidence proves nothing.
 */
final class RunDirSpace {
    /** Enough for the reports of a run, which are written last (report.html of a long run is a few hundred KB). */
    static final long LOW = 1024 * 1024;
    private static final long EVERY_NANOS = 500_000_000L;

    private final Path runDir;
    private long checkedAt;
    private Optional<String> last = Optional.empty();

    RunDirSpace(Path runDir) {
        this.runDir = runDir;
        this.checkedAt = System.nanoTime() - EVERY_NANOS;
    }

    /** Why the run directory's file system is full, or empty; asks the file system at most twice a second. */
    synchronized Optional<String> full() {
        long now = System.nanoTime();
        if (last.isEmpty() && now - checkedAt >= EVERY_NANOS) {
            checkedAt = now;
            last = check(runDir);
        }
        return last;
    }

    static Optional<String> check(Path runDir) {
        try {
            FileStore store = Files.getFileStore(runDir);
            long free = store.getUsableSpace();
            if (free >= LOW) {
                return Optional.empty();
            }
            return Optional.of(describe(runDir, free, store.getTotalSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String describe(Path runDir, long free, long total) {
        return "the file system holding the run directory [" + runDir + "] is full (" + free / 1024 + " KB free of "
            + total / 1024 + " KB); free space there, or pass --out on a disk with room";
    }
}
