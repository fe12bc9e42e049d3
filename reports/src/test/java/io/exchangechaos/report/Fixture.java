package io.exchangechaos.report;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A recorded run, from {@code src/test/resources/fixtures/region-loss/}: {@code outcome.json} (a RunOutcome as
 * report.json spells it) plus the files the harness leaves in a run directory before reports are written
 * ({@code history.jsonl}, {@code scenario.yaml}, and whatever else is there). Replace the directory's files with a
 * real run's and every test runs against it.
 */
public final class Fixture {

    public static final String NAME = "region-loss";
    static final String OUTCOME = "outcome.json";

    private Fixture() {
    }

    public static Path dir() {
        try {
            return Path.of(Fixture.class.getResource("/fixtures/" + NAME).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunOutcome outcome() {
        try {
            return ReportJson.read(dir().resolve(OUTCOME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <root>/<scenario>/<timestamp>/} holding the fixture's run files, no reports yet. */
    public static Path runDir(Path root) throws IOException {
        RunOutcome o = outcome();
        String stamp = o.startedAt().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        Path runDir = root.resolve(o.scenario().name()).resolve(stamp);
        copyRunFiles(runDir);
        return runDir;
    }

    public static void copyRunFiles(Path runDir) throws IOException {
        Path from = dir();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (from.relativize(f).toString().equals(OUTCOME)) {
                    continue;
                }
                Path to = runDir.resolve(from.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
    }

    /** A run directory with every report written, as {@code chaos run} leaves it. */
    public static Path writtenRun(Path root) throws IOException {
        Path runDir = runDir(root);
        Reports.writeAll(outcome(), runDir);
        return runDir;
    }
}
