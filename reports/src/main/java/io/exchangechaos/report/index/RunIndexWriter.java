package io.exchangechaos.report.index;

import io.exchangechaos.report.ReportRenderer;
import io.exchangechaos.report.json.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Refreshes the runs index ({@code <runs root>/index.html}, two directories above the run directory: the default
 * {@code target/chaos-runs/} or the root given with {@code --out}) after every run. It writes nothing inside the run
 * directory, so it may run after the manifest has sealed it.
 */
public final class RunIndexWriter implements ReportRenderer {

    @Override
    public List<String> files() {
        return List.of();
    }

    @Override
    public void write(ReportJson outcome, Path runDir) throws IOException {
        Path root = runsRoot(runDir);
        if (root != null) {
            RunIndex.update(root);
        }
    }

    /** The directory holding {@code <scenario>/<timestamp>/}; null when the run directory is too shallow to have one. */
    public static Path runsRoot(Path runDir) {
        Path scenarioDir = runDir.toAbsolutePath().normalize().getParent();
        return scenarioDir == null ? null : scenarioDir.getParent();
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }
}
