package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report pdf} given what it cannot print, or nowhere to write: exit 2 with the fix, nothing written. */
class ReportPdfOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatIsNoRunAndAnOutputWithoutItsDirectoryAreRefused() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("report.html"), "<html></html>");
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        Cli noDir = Cli.run("report", "pdf", tmp.resolve("nope").toString(), tmp.resolve("r.pdf").toString());
        Cli notRun = Cli.run("report", "pdf", empty.toString(), tmp.resolve("r.pdf").toString());
        Cli noParent = Cli.run("report", "pdf", run.toString(), tmp.resolve("missing/r.pdf").toString());
        Cli inside = Cli.run("report", "pdf", run.toString(), run.resolve("r.pdf").toString());
        Cli noOut = Cli.run("report", "pdf", run.toString());

        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).startsWith("report pdf: DIR [" + tmp.resolve("nope") + "]: no such directory; pass the "
            + "run directory ./chaos run printed (Run dir: …)\n");
        assertThat(notRun.exit()).isEqualTo(2);
        assertThat(notRun.err()).startsWith("report pdf: DIR [" + empty + "]: neither a run directory (no report.html) nor "
            + "an evidence pack (no index.html with a manifest.json); pass the run directory ./chaos run printed\n");
        assertThat(noParent.exit()).isEqualTo(2);
        assertThat(noParent.err()).startsWith("report pdf: OUT.pdf [" + tmp.resolve("missing/r.pdf") + "]: its directory ["
            + tmp.resolve("missing") + "] does not exist; create it (mkdir -p " + tmp.resolve("missing")
            + ") or write the PDF elsewhere\n");
        assertThat(inside.exit()).isEqualTo(2);
        assertThat(inside.err()).startsWith("report pdf: OUT.pdf [" + run.resolve("r.pdf") + "]: inside the directory it "
            + "prints, where a file added after the run makes ./chaos report verify fail; write it elsewhere, e.g. r.pdf\n");
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.err()).startsWith("chaos report pdf: Missing required parameter: 'OUT.pdf'");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run", "empty");
        }
        assertThat(run.resolve("r.pdf")).doesNotExist();
    }
}
