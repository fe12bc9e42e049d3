package io.exchangechaos.report;

import io.exchangechaos.core.history.History;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.report.json.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A run recorded by {@code ./chaos run}, from {@code src/test/resources/fixtures/<name>/} (see the README there):
 * the harness's own {@code report.json} (read back as the outcome the reports are rendered from), the files the
 * harness leaves in a run directory before the reports ({@code scenario.yaml}, {@code logs/}) and
 * {@code history.jsonl}, kept gzipped and unpacked into every run directory a test builds.
 */
public final class Fixture {

    /** region-loss with weakness ack-before-replication: FAIL, acknowledged orders lost with the leader. */
    public static final Fixture FAIL = new Fixture("region-loss-fail");
    /** region-loss with every mechanism on, at 40 orders/s: PASS. */
    public static final Fixture PASS = new Fixture("region-loss-pass");

    /** Both recorded runs: for tests that hold for every run. */
    public static Stream<Fixture> both() {
        return Stream.of(FAIL, PASS);
    }

    static final String OUTCOME = "report.json";
    static final String HISTORY_GZ = "history.jsonl.gz";
    /** Files of the fixture directory that are not files of the run directory. */
    static final Set<String> NOT_RUN_FILES = Set.of(OUTCOME, HISTORY_GZ, "README.md");

    private final String name;
    private ReportJson outcome;
    private List<Operation> history;

    private Fixture(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    public Path dir() {
        try {
            return Path.of(Fixture.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome the harness wrote as report.json at the end of the recorded run. */
    public synchronized ReportJson outcome() {
        if (outcome == null) {
            try {
                outcome = ReportJson.read(dir().resolve(OUTCOME));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outcome;
    }

    /** Every operation of the recorded history, ordered by index, as the harness reads a saved history back. */
    public synchronized List<Operation> history() {
        if (history == null) {
            try {
                Path tmp = Files.createTempFile("fixture-history", ".jsonl");
                try {
                    unpackHistory(tmp);
                    history = History.read(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return history;
    }

    /** The exact scenario run (overrides such as {@code --rate} applied), from the run's scenario.yaml. */
    public Scenario scenario() {
        return Scenarios.load(dir().resolve("scenario.yaml"));
    }

    /** {@code <root>/<scenario>/<timestamp>/} holding the fixture's run files, no reports yet. */
    public Path runDir(Path root) throws IOException {
        ReportJson o = outcome();
        String stamp = o.runId().substring(o.runId().lastIndexOf('-') + 1);
        Path runDir = root.resolve(o.scenario().name()).resolve(stamp);
        copyRunFiles(runDir);
        return runDir;
    }

    public void copyRunFiles(Path runDir) throws IOException {
        Path from = dir();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String relative = from.relativize(f).toString();
                if (NOT_RUN_FILES.contains(relative)) {
                    continue;
                }
                Path to = runDir.resolve(relative);
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        unpackHistory(runDir.resolve("history.jsonl"));
    }

    private void unpackHistory(Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve(HISTORY_GZ)))) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A run directory with every report written, as {@code chaos run} leaves it. */
    public Path writtenRun(Path root) throws IOException {
        Path runDir = runDir(root);
        Reports.writeAll(outcome().toOutcome(), runDir);
        return runDir;
    }
}
