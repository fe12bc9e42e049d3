package io.exchangechaos.report.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link ReportVerifier} found: every problem, each naming the file it is in.
 *
 * @param filesChecked files whose hash matched or failed against the manifest
 * @param eventsChecked timeline entries whose chain links were checked
 * @param head the manifest's chain head, as recorded (null when the manifest could not be read)
 */
public record Verification(Path runDir, List<Problem> problems, int filesChecked, int eventsChecked, String head) {

    public enum Kind {
        /** The file's content differs from what the manifest recorded (for manifest.json: it was edited). */
        ALTERED,
        /** The manifest lists the file, the directory no longer has it (or there is no manifest). */
        MISSING,
        /** The directory has a file the manifest does not list. */
        UNEXPECTED,
        /** A link of the hash chain does not hold: an entry of manifest.json was edited, removed or reordered. */
        CHAIN_BROKEN,
        /** The timeline in manifest.json and the one report.json records disagree. */
        TIMELINE_MISMATCH,
        /** manifest.sig does not hold: made by another key, unreadable, or not a signature of manifest.json as it is. */
        SIGNATURE
    }

    /** @param path the file the problem is in, relative to the run directory */
    public record Problem(Kind kind, String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** The files named by a problem, sorted. */
    public Set<String> files() {
        Set<String> files = new TreeSet<>();
        problems.forEach(p -> files.add(p.path()));
        return files;
    }
}
