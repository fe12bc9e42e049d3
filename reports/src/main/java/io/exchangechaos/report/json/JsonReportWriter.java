package io.exchangechaos.report.json;

import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code report.json}: the machine-readable outcome, valid against {@code report.schema.json}. */
public final class JsonReportWriter implements ReportWriter {

    public static final String FILE = "report.json";

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public void write(RunOutcome outcome, Path runDir) throws IOException {
        ReportJson.write(ReportJson.toTree(outcome), runDir.resolve(FILE));
    }

    @Override
    public int order() {
        return 10;
    }
}
