package io.exchangechaos.report.manifest;

import io.exchangechaos.report.manifest.Verification.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./chaos report verify DIR}: exit 0 when every artifact matches the manifest, 1 when anything was altered,
 * is missing or was added (each problem on its own line, naming the file), 2 for a usage error.
 */
public final class ReportVerifyMain {

    public static final int INTACT = 0;
    public static final int ALTERED = 1;
    public static final int USAGE = 2;

    private ReportVerifyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: chaos report verify DIR   (DIR: a run directory, e.g. target/chaos-runs/region-loss/latest)");
            return USAGE;
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            err.println("Run directory [" + dir + "] does not exist; pass the directory `chaos run` printed");
            return USAGE;
        }
        Verification v;
        try {
            v = ReportVerifier.verify(dir);
        } catch (IOException e) {
            err.println("Run directory [" + dir + "] could not be read: " + e.getMessage());
            return ALTERED;
        }
        if (v.intact()) {
            out.println("Run directory [" + dir + "] is intact: " + v.filesChecked() + " files and " + v.eventsChecked()
                + " timeline events match manifest.json (chain head " + v.head() + ")");
            return INTACT;
        }
        for (Problem p : v.problems()) {
            out.println(p.kind() + " " + p);
        }
        out.println("Run directory [" + dir + "] was altered: " + v.problems().size()
            + (v.problems().size() == 1 ? " problem" : " problems") + " in " + String.join(", ", v.files()));
        return ALTERED;
    }
}
