package io.exchangechaos.report;

import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A report written from report.json's shape ({@link ReportJson}), so that it reads the same whether the run just
 * ended or its report.json is read back later: the outcome is mapped once, in {@link ReportJson#of}.
 */
public interface ReportRenderer extends ReportWriter {

    void write(ReportJson report, Path runDir) throws IOException;

    @Override
    default void write(RunOutcome outcome, Path runDir) throws IOException {
        write(ReportJson.of(outcome), runDir);
    }
}
