package io.exchangechaos.report.json;

import io.exchangechaos.report.ReportRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code report.json}: the machine-readable outcome, valid against {@code report.schema.json}. */
public final class JsonReportWriter implements ReportRenderer {

    public static final String FILE = "report.json";

    @Override
    public List<String> files() {
        return List.of(FILE);
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        ReportJson.write(outcome.toTree(), runDir.resolve(FILE));
    }

    @Override
    public int order() {
        return 10;
    }
}
