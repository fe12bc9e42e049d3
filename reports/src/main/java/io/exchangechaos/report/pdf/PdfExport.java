package io.exchangechaos.report.pdf;

import io.exchangechaos.report.html.HtmlReportWriter;
import io.exchangechaos.report.manifest.ManifestWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./chaos report pdf DIR OUT.pdf}: a run directory's {@code report.html} (or an evidence pack's
 * {@code index.html}) printed to PDF by headless Chromium, offline, for people who file documents. The page's own print
 * styles lay it out; nothing is fetched (the reports forbid it, and Chromium's background networking is off).
 */
public final class PdfExport {
    /** Overrides where Chromium is looked for, e.g. a Chrome installed outside PATH. */
    public static final String CHROMIUM_VARIABLE = "CHAOS_CHROMIUM";
    static final String PACK_INDEX = "index.html";
    static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    static final String INSTALL = "install Chromium (Debian/Ubuntu: apt-get install -y chromium; macOS: brew install "
        + "--cask chromium), or set " + CHROMIUM_VARIABLE + " to the browser's executable";
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * What to print and where: checked before Chromium starts.
     *
     * @param page     the HTML page: {@code report.html} of a run, {@code index.html} of a pack
     * @param out      the PDF to write (replaced if it exists)
     * @param chromium the browser's executable
     */
    public record Request(Path page, Path out, Path chromium) {
    }

    private PdfExport() {
    }

    /**
     * @param env      the environment: {@code PATH} and {@value #CHROMIUM_VARIABLE}
     * @param problems each bad input, one line with its fix
     * @return the request, or empty when a problem was added
     */
    public static Optional<Request> check(String dir, String out, Map<String, String> env, List<String> problems) {
        int before = problems.size();
        Optional<Path> page = page(Path.of(dir), problems);
        Optional<Path> pdf = output(Path.of(out), page.map(p -> p.getParent()), problems);
        Optional<Path> chromium = chromium(env, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Request(page.orElseThrow(), pdf.orElseThrow(), chromium.orElseThrow()));
    }

    private static Optional<Path> page(Path dir, List<String> problems) {
        if (!Files.exists(dir)) {
            problems.add("DIR [" + dir + "]: no such directory; pass the run directory ./chaos run printed (Run dir: …)");
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            problems.add("DIR [" + dir + "]: a file, not a directory; pass the run directory ./chaos run printed");
            return Optional.empty();
        }
        Path report = dir.resolve(HtmlReportWriter.FILE);
        if (Files.isRegularFile(report)) {
            return Optional.of(report.toAbsolutePath().normalize());
        }
        Path index = dir.resolve(PACK_INDEX);
        if (Files.isRegularFile(index) && Files.isRegularFile(dir.resolve(ManifestWriter.FILE))) {
            return Optional.of(index.toAbsolutePath().normalize());
        }
        problems.add("DIR [" + dir + "]: " + (Files.isRegularFile(index)
            ? "the index of every run, not one run; pass one run's directory, e.g. " + dir.resolve("region-loss/latest")
            : "neither a run directory (no report.html) nor an evidence pack (no index.html with a manifest.json); pass "
                + "the run directory ./chaos run printed"));
        return Optional.empty();
    }

    private static Optional<Path> output(Path out, Optional<Path> sourceDir, List<String> problems) {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            problems.add("OUT.pdf [" + out + "]: a directory; pass a file name, e.g. " + out.resolve("report.pdf"));
            return Optional.empty();
        }
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            problems.add("OUT.pdf [" + out + "]: its directory [" + parent + "] does not exist; create it (mkdir -p "
                + parent + ") or write the PDF elsewhere");
            return Optional.empty();
        }
        if (!Files.isWritable(parent)) {
            problems.add("OUT.pdf [" + out + "]: its directory [" + parent + "] is not writable; write the PDF elsewhere");
            return Optional.empty();
        }
        if (sourceDir.isPresent() && insideOf(parent, sourceDir.get())) {
            problems.add("OUT.pdf [" + out + "]: inside the directory it prints, where a file added after the run makes "
                + "./chaos report verify fail; write it elsewhere, e.g. " + abs.getFileName());
            return Optional.empty();
        }
        return Optional.of(abs);
    }

    private static boolean insideOf(Path dir, Path root) {
        try {
            return dir.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return dir.startsWith(root);
        }
    }

    /** The browser: {@value #CHROMIUM_VARIABLE} when set, else the first of {@link #BROWSERS} on {@code PATH}. */
    static Optional<Path> chromium(Map<String, String> env, List<String> problems) {
        String given = env.get(CHROMIUM_VARIABLE);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
            problems.add(CHROMIUM_VARIABLE + " [" + given + "]: not an executable file; point it at the browser "
                + "(e.g. /usr/bin/chromium), or unset it to use the one on PATH");
            return Optional.empty();
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : BROWSERS) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        problems.add("chromium: not found on PATH (" + String.join(", ", BROWSERS) + "); the PDF is printed by headless "
            + "Chromium: " + INSTALL);
        return Optional.empty();
    }

    /**
     * Prints the page to the PDF: into a file next to it first, moved into place once Chromium wrote a whole PDF, so a
     * failed print never replaces an earlier one.
     *
     * @return the PDF's size in bytes
     * @throws IOException Chromium failed, timed out, or wrote no PDF; the message has the end of what it printed
     */
    public static long render(Request r) throws IOException {
        Path profile = Files.createTempDirectory("chaos-pdf-profile");
        Path partial = r.out().resolveSibling("." + r.out().getFileName() + ".partial");
        Path log = profile.resolve("chromium.log");
        try {
            List<String> command = new ArrayList<>(List.of(r.chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.resolve("data"),
                "--print-to-pdf=" + partial, "--no-pdf-header-footer", r.page().toUri().toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean ended;
            try {
                ended = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("Chromium [" + r.chromium() + "] did not finish printing within "
                    + TIMEOUT.toSeconds() + " s" + tail(log));
            }
            if (p.exitValue() != 0 || !isPdf(partial)) {
                throw new IOException("Chromium [" + r.chromium() + "] exited " + p.exitValue() + " without writing a "
                    + "PDF" + tail(log));
            }
            long size = Files.size(partial);
            Files.move(partial, r.out(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } finally {
            Files.deleteIfExists(partial);
            deleteRecursively(profile);
        }
    }

    private static boolean isPdf(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < 5) {
            return false;
        }
        byte[] head = new byte[5];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 5) == 5 && Arrays.equals(head, "%PDF-".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return last.isEmpty() ? "" : "; it printed:\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
