package io.exchangechaos.report;

import io.exchangechaos.core.verdict.ReportWriter;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.index.RunIndex;
import io.exchangechaos.report.index.RunIndexWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Writes every report of a run: each {@link ReportWriter} on the classpath ({@link ServiceLoader}), lowest
 * {@link ReportWriter#order()} first, so the manifest comes last and covers the rest; then refreshes the run index
 * two directories up ({@code target/chaos-runs/index.html} for {@code target/chaos-runs/<scenario>/<timestamp>}).
 */
public final class Reports {

    private Reports() {
    }

    /** The writers found on the class path and in the run's plugins (the context class loader), in the order they run. */
    public static List<ReportWriter> writers() {
        List<ReportWriter> writers = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(ReportWriter.class, context != null ? context : Reports.class.getClassLoader()).forEach(writers::add);
        // stable: writers of the same order keep the service file's order (the manifest, then the index outside it)
        writers.sort(Comparator.comparingInt(ReportWriter::order));
        return List.copyOf(writers);
    }

    /**
     * @return the files written, in order: every writer's files, then the index (when the run directory has a
     * grandparent)
     */
    public static List<Path> writeAll(RunOutcome outcome, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        List<Path> written = new ArrayList<>();
        for (ReportWriter writer : writers()) {
            try {
                writer.write(outcome, runDir);
            } catch (IOException | RuntimeException e) {
                throw new IOException("Report writer [" + writer.getClass().getName() + "] failed writing "
                    + writer.files() + " into [" + runDir + "]: " + e.getMessage(), e);
            }
            writer.files().forEach(f -> written.add(runDir.resolve(f)));
        }
        // the index itself is refreshed by RunIndexWriter, one of the writers
        Path runsRoot = RunIndexWriter.runsRoot(runDir);
        if (runsRoot != null) {
            written.add(runsRoot.resolve(RunIndex.FILE));
        }
        return List.copyOf(written);
    }
}
