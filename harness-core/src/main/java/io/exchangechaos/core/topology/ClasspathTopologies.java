package io.exchangechaos.core.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Named topologies found as class-path resources {@code topologies/NAME.yaml}: the exchange-stack artifact carries
 * the staged exchange's, and a user's test resources may add their own. A topology in a jar is copied, with the other
 * files of its {@code topologies/} folder (a weakness names a sibling file), into a folder under {@code java.io.tmpdir}
 * named by their content, so every reader sees a plain file and a changed jar never meets an old copy.
 */
final class ClasspathTopologies {
    static final String FOLDER = "topologies/";

    private ClasspathTopologies() {
    }

    /** The file of the named topology, from the first class-path folder that has it. */
    static Optional<Path> find(String name) {
        URL url = loader().getResource(FOLDER + name + ".yaml");
        if (url == null) {
            return Optional.empty();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Optional.of(Path.of(url.toURI()));
            }
            if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    return Optional.of(extract(file).resolve(name + ".yaml"));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topology [" + name + "] from the class path (" + url + ")", e);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The names of every {@code topologies/*.yaml} on the class path; empty when there is none. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> folders = loader().getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL url = folders.nextElement();
                if ("file".equals(url.getProtocol())) {
                    try (var files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
                    }
                } else if (url.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    try (JarFile file = jar.getJarFile()) {
                        yamlEntries(file).keySet().forEach(names::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the topologies on the class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names.stream().map(n -> n.substring(0, n.length() - ".yaml".length())).distinct().sorted().toList();
    }

    /** The {@code topologies/} folder of {@code jar}, copied once per content into the temporary folder. */
    private static Path extract(JarFile jar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, JarEntry> e : yamlEntries(jar).entrySet()) {
            try (InputStream in = jar.getInputStream(e.getValue())) {
                files.put(e.getKey(), in.readAllBytes());
            }
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "exchange-chaos-topologies");
        Path target = root.resolve(digest(files));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, ".staging-");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(staging.resolve(f.getKey()), f.getValue());
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another JVM put the same content there first
            deleteStaging(staging);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            deleteStaging(staging);
        }
        return target;
    }

    /** File name → entry of every YAML file directly in the jar's {@code topologies/} folder. */
    private static Map<String, JarEntry> yamlEntries(JarFile jar) {
        Map<String, JarEntry> entries = new LinkedHashMap<>();
        jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(FOLDER) && e.getName().endsWith(".yaml")
                && e.getName().indexOf('/', FOLDER.length()) < 0)
            .forEach(e -> entries.put(e.getName().substring(FOLDER.length()), e));
        return entries;
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteStaging(Path staging) throws IOException {
        try (var files = Files.list(staging)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(staging);
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClasspathTopologies.class.getClassLoader();
    }
}
