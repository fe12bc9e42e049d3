package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} checked before anything starts, on real directories, links and mounts: a place that cannot be written,
 * a directory of the operating system (also through a link), and a link another user owns are refused with exit 2 and
 * the fix; a good one is probed by writing and left as it was.
 */
class OutDirectoryTest {
    static final String SCENARIO = "src/test/resources/hang/link-latency.yaml";
    static final String FIX = "pass a directory you can write, e.g. --out target/chaos-runs";

    @TempDir
    Path tmp;

    @Test
    void aPlaceNothingCanBeCreatedInIsRefused() {
        Cli cli = Cli.run("run", SCENARIO, "--out", "/proc/self/x");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("--out [/proc/self/x]: resolves to [/proc/").contains("/x], which is a directory"
            + " of the operating system, not a place for run directories; " + FIX);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aReadOnlyFileSystemIsRefused() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        sh("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", ro.toString());
        try {
            Cli cli = Cli.run("run", SCENARIO, "--out", ro.resolve("runs").toString());

            assertThat(cli.exit()).isEqualTo(2);
            assertThat(cli.err()).isEqualTo("--out [" + ro.resolve("runs") + "]: cannot be written (Read-only file system"
                + " at " + ro.resolve("runs") + "); " + FIX + "\n");
        } finally {
            sh("umount", "-l", ro.toString());
        }
    }

    @Test
    void aLinkToASystemDirectoryIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("runs"), Path.of("/etc"));

        Cli cli = Cli.run("run", SCENARIO, "--out", link.toString(), "--dry-run");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("--out [" + link + "]: resolves to [/etc], which is a directory of the operating"
            + " system, not a place for run directories; " + FIX + "\n");
        assertThat(Path.of("/etc/index.html")).doesNotExist();
    }

    @Test
    void aLinkOfAnotherUserIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("runs"), elsewhere);
        sh("chown", "-h", "nobody", link.toString());

        Cli cli = Cli.run("run", SCENARIO, "--out", link.resolve("mine").toString(), "--dry-run");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("--out [" + link.resolve("mine") + "]: [" + link + "] is a symbolic link of user"
            + " nobody, not yours, to [" + elsewhere + "]; a run would write wherever that link points. Remove the link,"
            + " or " + FIX + "\n");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aGoodPlaceIsProbedAndLeftAsItWas() {
        Path out = tmp.resolve("new/runs");

        Cli cli = Cli.run("run", SCENARIO, "--out", out.toString(), "--dry-run");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    private static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }
}
