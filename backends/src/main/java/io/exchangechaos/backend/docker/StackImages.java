package io.exchangechaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.ledger.ProcStat;
import io.exchangechaos.server.proxy.ToxiproxyServerMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the docker backend's images on this machine, with no registry: a base image made from the local JDK
 * ({@code jlink}'d runtime plus the system libraries {@code ldd} says it needs, {@code docker import}ed, no shell),
 * and on top of it the stack image holding the staged exchange's jars and the Toxiproxy-compatible server. Tags are
 * content hashes, so an image is built only when it is missing or its inputs changed.
 */
public final class StackImages {
    private static final Logger LOG = LoggerFactory.getLogger(StackImages.class);
    /** Bump when the recipe changes, so old images are not reused. */
    private static final String RECIPE = "2";
    /** What the staged exchange and the proxy need (jdeps over the stack's jars, plus the proxy's HTTP server). */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.instrument",
        "java.naming", "java.net.http", "java.scripting", "java.security.jgss", "java.sql", "jdk.httpserver",
        "jdk.management", "jdk.unsupported", "java.logging", "java.management");
    /** Name lookups in glibc load these at run time; ldd cannot see them. */
    private static final List<String> NSS_LIBS = List.of("libnss_files.so.2", "libnss_dns.so.2", "libresolv.so.2");
    private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    public static final String JAVA = "/opt/java/bin/java";
    public static final String STACK_DIR = "/opt/exchange-stack";
    public static final String HARNESS_DIR = "/opt/exchange-chaos";

    private final DockerClient docker;
    private final Path workDir;

    public StackImages(DockerClient docker, Path workDir) {
        this.docker = docker;
        this.workDir = workDir;
    }

    /** The base image's tag; built when missing. */
    public String base() {
        String javaHome = System.getProperty("java.home");
        String tag = "exchange-chaos/jre:" + Runtime.version().feature() + "-" + hash(List.of(RECIPE, javaHome,
            System.getProperty("java.runtime.version"), String.join(",", MODULES)));
        if (exists(tag)) {
            return tag;
        }
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createDirectories(workDir).resolve("jre-" + System.nanoTime());
            run(List.of(Path.of(javaHome, "bin", "jlink").toString(), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2",
                // the JDK's own classes from a class-data archive: a dozen JVMs start at once with the stack
                "--generate-cds-archive", "--output", dir.toString()));
            Path tar = workDir.resolve("rootfs-" + System.nanoTime() + ".tar");
            writeRootfs(dir, tar);
            // the same as `docker import`: one layer from the tarball, no shell needed (docker-java's streamed
            // import is cut short by its transport, so the tarball goes in as a build context instead)
            new ImageFromDockerfile(tag, false)
                .withFileFromPath("rootfs.tar", tar)
                .withDockerfileFromBuilder(b -> b.from("scratch").add("rootfs.tar", "/")
                    .env("JAVA_HOME", "/opt/java").env("PATH", "/opt/java/bin").build())
                .get();
            deleteTree(dir);
            Files.deleteIfExists(tar);
        } catch (IOException | RuntimeException e) {
            throw new StackStartException("cannot build the base image " + tag + " from " + javaHome + ": "
                + e.getMessage() + "; a JDK (with jlink and jmods) is needed, not a JRE", e);
        }
        LOG.info("built base image {} in {} ms", tag, (System.nanoTime() - t0) / 1_000_000);
        if (!exists(tag)) {
            throw new StackStartException("docker import reported success but image " + tag + " is not there");
        }
        return tag;
    }

    /**
     * The stack image's tag (base + the staged exchange's jars from {@code stackClasspath} + the harness code the
     * proxy server needs: fault-injectors' and harness-core's); built when missing.
     */
    public String stack(String stackClasspath) {
        String base = base();
        List<Path> stackFiles = classpathFiles(stackClasspath);
        List<Path> harness = harnessSources();
        List<String> parts = new ArrayList<>(List.of(RECIPE, base));
        for (Path p : stackFiles) {
            parts.add(p.getFileName() + "=" + fileHash(p));
        }
        for (int i = 0; i < harness.size(); i++) {
            parts.add("harness-" + i + "=" + treeHash(harness.get(i)));
        }
        String tag = "exchange-chaos/stack:" + hash(parts);
        if (exists(tag)) {
            return tag;
        }
        long t0 = System.nanoTime();
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false);
        for (Path p : stackFiles) {
            image.withFileFromPath("stack/" + p.getFileName(), p);
        }
        for (int i = 0; i < harness.size(); i++) {
            image.withFileFromPath("harness-" + i, harness.get(i));
        }
        image.withDockerfileFromBuilder(b -> {
            b.from(base).copy("stack/", STACK_DIR + "/");
            for (int i = 0; i < harness.size(); i++) {
                b.copy("harness-" + i, HARNESS_DIR + "/" + (Files.isDirectory(harness.get(i)) ? "classes-" + i + "/"
                    : "lib/harness-" + i + ".jar"));
            }
            b.workDir("/tmp").build();
        });
        try {
            image.get();
        } catch (Exception e) {
            throw new StackStartException("cannot build the stack image " + tag + " on " + base + ": " + e.getMessage(), e);
        }
        LOG.info("built stack image {} in {} ms", tag, (System.nanoTime() - t0) / 1_000_000);
        removeOlder("exchange-chaos/stack", tag);
        return tag;
    }

    /**
     * Where the proxy server's classes come from (a jar, or a classes directory in a build): its own module and
     * harness-core, whose process identity it records its faults with.
     */
    static List<Path> harnessSources() {
        return List.of(codeSource(ToxiproxyServerMain.class), codeSource(ProcStat.class));
    }

    /** The classpath inside the stack image: the stack's jars, then the harness's, as jars or class directories. */
    public static String classpathInImage() {
        StringBuilder cp = new StringBuilder(STACK_DIR + "/*:" + HARNESS_DIR + "/lib/*");
        for (int i = 0; i < harnessSources().size(); i++) {
            cp.append(':').append(HARNESS_DIR).append("/classes-").append(i);
        }
        return cp.toString();
    }

    /** Older builds of the same image (a tag per content hash) would pile up; one still in use stays. */
    private void removeOlder(String repository, String keep) {
        for (var image : docker.listImagesCmd().withImageNameFilter(repository).exec()) {
            String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
            for (String t : tags) {
                if (t.startsWith(repository + ":") && !t.equals(keep)) {
                    try {
                        docker.removeImageCmd(t).exec();
                        LOG.info("removed older image {}", t);
                    } catch (RuntimeException e) {
                        LOG.debug("kept {}: {}", t, e.getMessage());
                    }
                }
            }
        }
    }

    private boolean exists(String tag) {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The runtime, the libraries it links against (at the paths the loader looks for them), and a minimal /etc. */
    private static void writeRootfs(Path jre, Path tar) throws IOException {
        Set<Path> libs = new LinkedHashSet<>();
        List<Path> elves;
        try (Stream<Path> files = Files.walk(jre)) {
            elves = files.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".so") || p.getParent().getFileName().toString().equals("bin"))
                .toList();
        }
        for (Path elf : elves) {
            for (String line : run(List.of("ldd", elf.toString())).split("\n")) {
                Matcher m = LDD_LINE.matcher(line);
                if (m.find() && !line.contains("not found")) {
                    Path lib = Path.of(m.group(1));
                    if (!lib.startsWith(jre)) {
                        libs.add(lib);
                    }
                }
            }
        }
        Path libc = libs.stream().filter(p -> p.getFileName().toString().startsWith("libc.so")).findFirst()
            .orElseThrow(() -> new IOException("ldd found no libc for " + jre));
        for (String nss : NSS_LIBS) {
            Path p = libc.resolveSibling(nss);
            if (Files.exists(p)) {
                libs.add(p);
            }
        }
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            dir(t, "tmp/", 01777);
            dir(t, "etc/", 0755);
            dir(t, "opt/", 0755);
            text(t, "etc/nsswitch.conf", "hosts: files dns\npasswd: files\ngroup: files\n");
            text(t, "etc/passwd", "root:x:0:0:root:/root:/nonexistent\nnobody:x:65534:65534:nobody:/nonexistent:/nonexistent\n");
            text(t, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
            Set<String> dirs = new LinkedHashSet<>();
            for (Path lib : libs) {
                String name = lib.toString().substring(1);
                for (Path d = Path.of(name).getParent(); d != null; d = d.getParent()) {
                    dirs.add(d + "/");
                }
            }
            for (String d : dirs.stream().sorted().toList()) {
                dir(t, d, 0755);
            }
            for (Path lib : libs) {
                file(t, lib.toString().substring(1), lib.toRealPath(), 0755);
            }
            try (Stream<Path> files = Files.walk(jre)) {
                for (Path p : files.sorted().toList()) {
                    String name = "opt/java/" + jre.relativize(p);
                    if (Files.isDirectory(p)) {
                        dir(t, name.endsWith("/") ? name : name + "/", 0755);
                    } else {
                        file(t, name, p, Files.isExecutable(p) ? 0755 : 0644);
                    }
                }
            }
        }
    }

    private static void dir(TarArchiveOutputStream t, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040000 | mode);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void text(TarArchiveOutputStream t, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100644);
        e.setSize(bytes.length);
        t.putArchiveEntry(e);
        t.write(bytes);
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, Path source, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(Files.size(source));
        t.putArchiveEntry(e);
        Files.copy(source, t);
        t.closeArchiveEntry();
    }

    static List<Path> classpathFiles(String classpath) {
        List<Path> files = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new StackStartException("cannot list the stack's jars in " + dir + ": " + e.getMessage(), e);
                }
            } else {
                Path p = Path.of(entry);
                if (!Files.isRegularFile(p)) {
                    throw new StackStartException("stack classpath entry " + p + " is not a jar; build the stack with"
                        + " `mvn -B -q -DskipTests -pl exchange-stack -am package`");
                }
                files.add(p);
            }
        }
        return files;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0 && !command.get(0).equals("ldd")) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return out;
    }

    private static String treeHash(Path root) {
        if (Files.isRegularFile(root)) {
            return fileHash(root);
        }
        List<String> parts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                parts.add(root.relativize(p) + "=" + fileHash(p));
            }
        } catch (IOException e) {
            throw new StackStartException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return hash(parts);
    }

    private static String fileHash(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new StackStartException("cannot read " + p + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(List<String> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
