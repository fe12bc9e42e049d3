package io.exchangechaos.report.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.ReportRenderer;
import io.exchangechaos.report.json.ReportJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code manifest.json}, written last: the SHA-256 of every other file of the run directory, and a hash chain that
 * runs through those file entries and on through the run's timeline events (phases, faults injected and healed,
 * operator notes). Each entry carries {@code prev} (the previous entry's hash) and {@code hash} =
 * {@code sha256(prev + canonical JSON of the entry without prev and hash)}; the first {@code prev} is the hash of the
 * manifest's header. Editing, removing or reordering an entry breaks a link; {@link ReportVerifier} finds it.
 *
 * <p>Scope: every regular file under the run directory, sub-directories such as {@code logs/} included, except
 * {@code manifest.json} and its signature {@code manifest.sig}, written after it; symbolic links are neither followed
 * nor listed. Logs are evidence too, and a run directory
 * is complete when the manifest is written, so nothing is left out.
 *
 * <p>The chain shows tampering to anyone holding its {@code head} (CI logs it with the verdict); a forger who rewrites
 * the whole manifest and {@code report.json} together can only be caught against that recorded head, or, in a signed
 * run, by the signature of the manifest, which the forger cannot make without the private key.
 */
public final class ManifestWriter implements ReportRenderer {

    public static final String FILE = "manifest.json";
    /** 1.1: {@code manifest.sig}, the signature of this file, is outside the scope, as the manifest itself is. */
    public static final String VERSION = "1.1";
    public static final String SCOPE = "every regular file under the run directory, sub-directories (logs/) included, "
        + "except manifest.json and its signature manifest.sig; symbolic links are not followed";
    /** The detached signature of a signed run's manifest ({@code io.exchangechaos.report.signing.ManifestSignature}). */
    public static final String SIGNATURE = "manifest.sig";
    static final String PREV = "prev";
    static final String HASH = "hash";

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    /** Last: it hashes what every other writer wrote. */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        ReportJson.write(build(outcome, runDir), runDir.resolve(FILE));
    }

    /** The manifest of the run directory as it is now. */
    public static ObjectNode build(ReportJson outcome, Path runDir) throws IOException {
        ObjectNode manifest = header(outcome.runId());
        String prev = genesis(manifest);
        ArrayNode files = manifest.putArray("files");
        for (String path : listFiles(runDir)) {
            Path file = runDir.resolve(path);
            ObjectNode entry = Canonical.object().put("path", path).put("bytes", Files.size(file))
                .put("sha256", Canonical.sha256(file));
            prev = chain(entry, prev);
            files.add(entry);
        }
        ArrayNode timeline = manifest.putArray("timeline");
        int seq = 0;
        for (ObjectNode event : TimelineEvents.of(outcome)) {
            ObjectNode entry = Canonical.object().put("seq", seq++);
            entry.set("event", event);
            prev = chain(entry, prev);
            timeline.add(entry);
        }
        manifest.put("head", prev);
        return manifest;
    }

    static ObjectNode header(String runId) {
        return Canonical.object().put("manifestVersion", VERSION).put("algorithm", "SHA-256").put("runId", runId)
            .put("scope", SCOPE);
    }

    /** The first entry's {@code prev}: the hash of the header fields, so editing the header breaks the chain too. */
    static String genesis(ObjectNode manifest) {
        ObjectNode header = Canonical.object();
        for (String field : List.of("manifestVersion", "algorithm", "runId", "scope")) {
            header.set(field, manifest.get(field));
        }
        return Canonical.sha256(Canonical.json(header));
    }

    private static String chain(ObjectNode entry, String prev) {
        String hash = Canonical.link(prev, entry);
        entry.put(PREV, prev).put(HASH, hash);
        return hash;
    }

    /** Relative paths ('/'-separated, sorted) of the files the manifest covers. */
    static List<String> listFiles(Path runDir) throws IOException {
        try (Stream<Path> walk = Files.walk(runDir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> runDir.relativize(p).toString().replace(File.separatorChar, '/'))
                .filter(p -> !p.equals(FILE) && !p.equals(SIGNATURE))
                .sorted()
                .toList();
        }
    }
}
