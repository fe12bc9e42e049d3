package io.exchangechaos.backend.local;

import io.exchangechaos.core.topology.Service;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing for the staged exchange's JVMs on the local backend. Eight JVMs start on a small
 * machine at once, and a killed engine restarts under load; loading and verifying the same classes every time is
 * most of that cost.
 *
 * <p>Per kind of service (engine, gateway, …) one archive, made by the first run that lacks it: the first process
 * of that kind dumps the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}); later runs map the
 * archive ({@code -XX:SharedArchiveFile}, with the JVM's default {@code -Xshare:auto}, so an archive that does not
 * fit is ignored, never fatal). Archives are keyed by the JVM and every classpath jar (path, size, modification
 * time), so a rebuilt stack makes new ones. They live next to the stack's jars ({@code exchange-stack/target/cds},
 * gone with {@code mvn clean}), or under {@code ~/.exchange-chaos/cds} when the stack's jar is a dependency. Only
 * services started with the {@code ${stack.classpath}} variable get an archive: a user's own services are left as
 * they are. Off with {@code -Dexchangechaos.stack.cds=false}.
 *
 * <p>The options travel in {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher reads, so the topology's
 * commands stay what the user wrote.
 */
final class StackClassArchives {
    static final String PROPERTY = "exchangechaos.stack.cds";
    private static final Logger LOG = LoggerFactory.getLogger(StackClassArchives.class);

    private final Path dir;
    private final String key;
    /** Kind → the service whose exit writes the archive in this run. */
    private final Map<String, String> dumpers = new LinkedHashMap<>();

    private StackClassArchives(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /** Archives for a stack run on {@code classpath} with this JVM, or empty when switched off or not possible. */
    static Optional<StackClassArchives> forClasspath(String classpath, String javaHome) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            return Optional.empty();
        }
        List<Path> jars = expand(classpath);
        // the JVM archives classes from jars only: a class directory on the path switches the dump off
        if (jars.isEmpty() || jars.stream().anyMatch(Files::isDirectory)) {
            return Optional.empty();
        }
        Path dir = directoryFor(jars.get(0).toAbsolutePath());
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                return Optional.empty();
            }
            removeOrphans(dir);
            return Optional.of(new StackClassArchives(dir, key(jars, javaHome)));
        } catch (IOException e) {
            LOG.debug("no class-data sharing for the stack: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Next to the stack's jar when it is a build's ({@code exchange-stack/target/cds}), else (the jar in a Maven or
     * Gradle repository, which is no place for our files) under {@code ~/.exchange-chaos/cds}.
     */
    static Path directoryFor(Path stackJar) {
        Path parent = stackJar.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target")) {
            return parent.resolve("cds");
        }
        return Path.of(System.getProperty("user.home"), ".exchange-chaos", "cds");
    }

    /**
     * The environment for one service: map the kind's archive when there is one, else (for the first of its kind)
     * write it at exit; nothing for a service that does not run on the stack's classpath.
     */
    synchronized Map<String, String> environmentFor(Service service) {
        if (!service.start().contains("${stack.classpath}") || !service.start().contains("${java}")) {
            return Map.of();
        }
        String kind = service.kind().name().toLowerCase(Locale.ROOT);
        Path archive = archive(kind);
        if (Files.isRegularFile(archive)) {
            return options("-XX:SharedArchiveFile=" + archive);
        }
        if (dumpers.containsKey(kind) && !dumpers.get(kind).equals(service.name())) {
            return Map.of();
        }
        dumpers.put(kind, service.name());
        return options("-XX:ArchiveClassesAtExit=" + pending(kind));
    }

    /**
     * After the stack stopped: keep each archive whose writer ended by itself or on SIGTERM (a SIGKILL may have cut
     * the dump short), drop the rest.
     *
     * @param exitCode the exit code of a service's last process, empty if unknown or still running
     */
    synchronized void keep(Function<String, Optional<Integer>> exitCode) {
        dumpers.forEach((kind, service) -> {
            Path pending = pending(kind);
            try {
                Optional<Integer> code = exitCode.apply(service);
                boolean clean = code.isPresent() && (code.get() == 0 || code.get() == 143);
                if (clean && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                    Files.move(pending, archive(kind), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    LOG.info("class-data archive for the stack's {} JVMs: {}", kind, archive(kind));
                } else {
                    Files.deleteIfExists(pending);
                }
            } catch (IOException e) {
                LOG.debug("class-data archive for {} not kept: {}", kind, e.toString());
            }
        });
        dumpers.clear();
    }

    /** Whether {@code service} writes an archive when it exits (it then needs time to exit by itself). */
    synchronized boolean writesAtExit(String service) {
        return dumpers.containsValue(service);
    }

    Path archive(String kind) {
        return dir.resolve(key + "-" + kind + ".jsa");
    }

    private Path pending(String kind) {
        return dir.resolve(key + "-" + kind + "." + ProcessHandle.current().pid() + ".tmp");
    }

    private static Map<String, String> options(String archiveOption) {
        // the JVM's CDS warnings (classes it skips) would only fill the service logs
        String own = System.getenv("JDK_JAVA_OPTIONS");
        return Map.of("JDK_JAVA_OPTIONS", (own == null || own.isBlank() ? "" : own + " ") + archiveOption
            + " -Xlog:cds=off -Xlog:cds+dynamic=off");
    }

    /** Archives half-written for a harness that died (its pid is in the name) are never kept: remove them. */
    private static void removeOrphans(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".tmp")) {
                    continue;
                }
                String[] parts = name.split("\\.");
                try {
                    long pid = Long.parseLong(parts[parts.length - 2]);
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(f);
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // not ours
                }
            }
        }
    }

    private static List<Path> expand(String classpath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith(File.separator + "*")) {
                Path lib = Path.of(entry.substring(0, entry.length() - 2));
                try (var list = Files.list(lib)) {
                    list.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
                } catch (IOException e) {
                    return List.of();
                }
            } else if (!entry.isBlank()) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    private static String key(List<Path> jars, String javaHome) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((javaHome + "|" + System.getProperty("java.vm.version") + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                sha.update((jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                    + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
