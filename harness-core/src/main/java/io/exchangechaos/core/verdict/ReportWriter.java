package io.exchangechaos.core.verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one kind of report into a run directory, from the run's typed outcome (its secrets already redacted).
 * Implementations are found with {@link java.util.ServiceLoader}, so the harness core runs without knowing which
 * reports exist; the reports module's writers render report.json's shape, mapped from the outcome by its
 * {@code ReportJson}.
 */
public interface ReportWriter {

    /** Files this writer produces, relative to the run directory, e.g. {@code report.json}. */
    List<String> files();

    void write(RunOutcome outcome, Path runDir) throws IOException;

    /** Lower runs first; the manifest writer runs last, over everything else. */
    default int order() {
        return 100;
    }
}
