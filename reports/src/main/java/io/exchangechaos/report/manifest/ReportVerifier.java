package io.exchangechaos.report.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.Figures;
import io.exchangechaos.report.json.JsonReportWriter;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.Verification.Kind;
import io.exchangechaos.report.manifest.Verification.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a run directory against its {@code manifest.json}: every file's SHA-256, no file missing or added, every
 * link of the hash chain, and the chained timeline against the one {@code report.json} records. Collects every
 * problem, each naming its file; an edit to {@code manifest.json} itself is reported against {@code manifest.json},
 * not against the file whose entry was edited. A run writes regular files only, so any symbolic link, named pipe,
 * socket or device under the run directory was added, and is named; no link under it is followed (the directory
 * itself may be named through one, as {@code latest} is).
 */
public final class ReportVerifier {

    private static final String MANIFEST = ManifestWriter.FILE;

    private ReportVerifier() {
    }

    public static Verification verify(Path runDir) throws IOException {
        List<Problem> problems = new ArrayList<>();
        // the directory itself may be reached through a link (.../latest); nothing under it is
        Path root = runDir.toRealPath();
        Path manifestFile = root.resolve(MANIFEST);
        Optional<String> manifestStandIn = standIn(root, MANIFEST);
        if (manifestStandIn.isPresent() || !Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Problem(Kind.MISSING, MANIFEST, manifestStandIn.map(s -> "missing: " + s + " stands in its place")
                .orElse("missing") + "; without it nothing in " + runDir + " can be verified (it is written at the end of "
                + "every run)"));
            return new Verification(runDir, problems, 0, 0, null);
        }
        byte[] bytes = Files.readAllBytes(manifestFile);
        JsonNode manifest;
        try {
            manifest = ReportJson.mapper().readTree(bytes);
        } catch (IOException e) {
            problems.add(new Problem(Kind.ALTERED, MANIFEST, "not valid JSON any more (" + firstLine(e.getMessage()) + ")"));
            return new Verification(runDir, problems, 0, 0, null);
        }
        if (manifest == null || !manifest.path("files").isArray() || !manifest.path("timeline").isArray()) {
            problems.add(new Problem(Kind.ALTERED, MANIFEST, "has no [files] and [timeline] arrays; it is not a manifest"));
            return new Verification(runDir, problems, 0, 0, null);
        }
        // The manifest is written in one exact form; any byte outside it (even whitespace) is an edit.
        if (!Arrays.equals(bytes, ReportJson.pretty(manifest).getBytes(StandardCharsets.UTF_8))) {
            problems.add(new Problem(Kind.ALTERED, MANIFEST, "its bytes differ from the form it was written in; it was edited"));
        }

        // Chain: each entry must link to the one before it and hash to its own content.
        String expectedPrev = ManifestWriter.genesis((ObjectNode) manifest);
        String previousLabel = "the manifest header";
        Map<String, JsonNode> trustedFiles = new HashMap<>();
        Set<String> listed = new HashSet<>();
        boolean fileEntryBroken = false;
        boolean timelineBroken = false;
        List<JsonNode> entries = new ArrayList<>();
        manifest.get("files").forEach(entries::add);
        int fileCount = entries.size();
        manifest.get("timeline").forEach(entries::add);
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String label = i < fileCount ? "files[" + i + "] (" + entry.path("path").asText("?") + ")"
                : "timeline[" + (i - fileCount) + "] (" + TimelineEvents.describe(entry.path("event")) + ")";
            String prev = entry.path(ManifestWriter.PREV).asText("");
            String hash = entry.path(ManifestWriter.HASH).asText("");
            boolean linked = prev.equals(expectedPrev);
            boolean sealed = hash.equals(Canonical.link(prev, Canonical.content(entry)));
            if (!linked) {
                problems.add(new Problem(Kind.CHAIN_BROKEN, MANIFEST, label + ": [prev] is not the hash of " + previousLabel
                    + (i == 0 ? "; the header (manifestVersion, algorithm, runId, scope) was edited"
                        : "; an entry between them was removed, added or reordered")));
            }
            if (!sealed) {
                problems.add(new Problem(Kind.CHAIN_BROKEN, MANIFEST, label + ": [hash] does not match the entry's content; "
                    + "the entry was edited"));
            }
            if (i < fileCount) {
                listed.add(entry.path("path").asText());
                if (sealed) {
                    trustedFiles.put(entry.path("path").asText(), entry);
                } else {
                    fileEntryBroken = true;
                }
            } else if (!linked || !sealed) {
                timelineBroken = true;
            }
            expectedPrev = hash;
            previousLabel = label;
        }
        String head = manifest.path("head").asText("");
        if (!head.equals(expectedPrev)) {
            problems.add(new Problem(Kind.CHAIN_BROKEN, MANIFEST, "[head] is not the hash of the last entry, " + previousLabel
                + "; entries after it were removed, or the head was edited"));
        }

        // Files: each listed one present with its hash; nothing unlisted. No link is followed: a link where a file
        // was, or on the way to it, could lead anywhere on the machine.
        for (Map.Entry<String, JsonNode> listedFile : new TreeMap<>(trustedFiles).entrySet()) {
            String path = listedFile.getKey();
            JsonNode entry = listedFile.getValue();
            Path file = root.resolve(path).normalize();
            Optional<String> standIn = file.startsWith(root) ? standIn(root, path) : Optional.empty();
            if (!file.startsWith(root) || standIn.isPresent() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(Kind.MISSING, path, "missing" + standIn.map(s -> ": " + s + " stands in its place")
                    .orElse("") + "; the manifest recorded " + Figures.count(entry.path("bytes").asLong())
                    + " bytes with SHA-256 [" + entry.path("sha256").asText() + "]"));
                continue;
            }
            String actual = Canonical.sha256(file);
            if (!actual.equals(entry.path("sha256").asText())) {
                problems.add(new Problem(Kind.ALTERED, path, "altered: SHA-256 [" + actual + "] but the manifest recorded ["
                    + entry.path("sha256").asText() + "] (" + Figures.count(entry.path("bytes").asLong()) + " → "
                    + Figures.count(Files.size(file)) + " bytes)"));
            }
        }
        // An edited file entry may carry an edited path, so the real file would look unlisted: report the manifest only.
        if (!fileEntryBroken) {
            for (String path : ManifestWriter.listFiles(root)) {
                if (!listed.contains(path)) {
                    problems.add(new Problem(Kind.UNEXPECTED, path, "not in the manifest; it was added after the run ("
                        + Figures.count(Files.size(root.resolve(path))) + " bytes)"));
                }
            }
            // a run writes regular files only: any link, pipe, socket or device was added (one at a listed path is
            // reported above, as what stands in for the missing file)
            for (Map.Entry<String, String> other : otherEntries(root).entrySet()) {
                if (!listed.contains(other.getKey()) && !MANIFEST.equals(other.getKey())) {
                    problems.add(new Problem(Kind.UNEXPECTED, other.getKey(), "not in the manifest: " + other.getValue()
                        + ", added after the run (a run writes regular files only; verify follows no links)"));
                }
            }
        }

        // The timeline chained in the manifest must be the one report.json records (when report.json is intact).
        int events = entries.size() - fileCount;
        if (!timelineBroken && reportIntact(root, trustedFiles, problems)) {
            compareTimelines(root, manifest, problems);
        }
        return new Verification(runDir, problems, trustedFiles.size(), events, head.isEmpty() ? null : head);
    }

    private static boolean reportIntact(Path runDir, Map<String, JsonNode> trusted, List<Problem> problems) {
        String report = JsonReportWriter.FILE;
        return trusted.containsKey(report) && Files.isRegularFile(runDir.resolve(report), LinkOption.NOFOLLOW_LINKS)
            && problems.stream().noneMatch(p -> p.path().equals(report));
    }

    /**
     * What is at {@code path} (or on the way to it) under {@code root} instead of a regular file or directory, e.g.
     * {@code a symbolic link to [/etc/passwd]}; empty when nothing is, or nothing exists there.
     */
    private static Optional<String> standIn(Path root, String path) throws IOException {
        Path at = root;
        for (Path name : Path.of(path)) {
            at = at.resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (attributes.isSymbolicLink() || attributes.isOther()) {
                String what = describe(at, attributes);
                return Optional.of(at.equals(root.resolve(path)) ? what : what + " at [" + root.relativize(at) + "]");
            }
        }
        return Optional.empty();
    }

    /** Every entry under {@code root} that is neither a regular file nor a directory, by its '/'-separated path. */
    private static Map<String, String> otherEntries(Path root) throws IOException {
        Map<String, String> others = new TreeMap<>();
        // Files.walk follows no links: a linked directory is one entry here, never entered
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink() || attributes.isOther()) {
                    others.put(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'), describe(p, attributes));
                }
            }
        }
        return others;
    }

    private static String describe(Path p, BasicFileAttributes attributes) throws IOException {
        return attributes.isSymbolicLink() ? "a symbolic link to [" + Files.readSymbolicLink(p) + "]"
            : "a named pipe, socket or device";
    }

    private static void compareTimelines(Path runDir, JsonNode manifest, List<Problem> problems) {
        ReportJson outcome;
        try {
            outcome = ReportJson.read(runDir.resolve(JsonReportWriter.FILE));
        } catch (IOException | RuntimeException e) {
            return; // report.json matches its hash yet does not read back: nothing to compare it with
        }
        List<String> recorded = TimelineEvents.of(outcome).stream().map(Canonical::json).toList();
        List<String> chained = new ArrayList<>();
        manifest.get("timeline").forEach(e -> chained.add(Canonical.json(e.path("event"))));
        if (recorded.equals(chained)) {
            return;
        }
        List<String> absent = new ArrayList<>(recorded);
        chained.forEach(absent::remove);
        List<String> extra = new ArrayList<>(chained);
        recorded.forEach(extra::remove);
        for (String e : absent) {
            problems.add(new Problem(Kind.TIMELINE_MISMATCH, MANIFEST, "timeline lacks an event report.json records: "
                + describe(e) + "; the entry was removed from the chain"));
        }
        for (String e : extra) {
            problems.add(new Problem(Kind.TIMELINE_MISMATCH, MANIFEST, "timeline has an event report.json does not record: "
                + describe(e)));
        }
        if (absent.isEmpty() && extra.isEmpty()) {
            problems.add(new Problem(Kind.TIMELINE_MISMATCH, MANIFEST,
                "timeline events are in another order than the ones report.json records"));
        }
    }

    private static String describe(String canonicalEvent) {
        try {
            return TimelineEvents.describe(ReportJson.mapper().readTree(canonicalEvent));
        } catch (IOException e) {
            return canonicalEvent;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
