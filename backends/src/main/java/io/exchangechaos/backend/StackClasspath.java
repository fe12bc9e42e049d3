package io.exchangechaos.backend;

import io.exchangechaos.core.backend.StackStartException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class path the staged exchange's JVMs run on ({@code ${stack.classpath}} in a topology), found in this order:
 * <ol>
 * <li>{@code -Dexchangechaos.stack.classpath=…};</li>
 * <li>the exchange-stack artifact on this JVM's class path (a test that depends on it): the artifact and the runtime
 * jars its build listed ({@value #LISTING}), taken from the same class path; inside this repository's build, its
 * {@code exchange-stack/target} jar and {@code lib};</li>
 * <li>{@code exchange-stack/target} found by walking up from the working directory (a checkout of this repository).</li>
 * </ol>
 */
public final class StackClasspath {
    public static final String PROPERTY = "exchangechaos.stack.classpath";
    /** The class-path resource, in the exchange-stack artifact, listing its runtime jars as {@code lib/NAME.jar:…}. */
    static final String LISTING = "META-INF/exchange-chaos/stack-classpath.txt";

    private StackClasspath() {
    }

    public static String resolve() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Optional<String> onClassPath = fromClassPath(loader().getResource(LISTING), classPathEntries());
        if (onClassPath.isPresent()) {
            return onClassPath.get();
        }
        return find(Path.of("").toAbsolutePath()).orElseThrow(() -> new StackStartException(
            "cannot find the staged exchange: the artifact io.exchangechaos:exchange-stack is not on the class path and"
                + " there is no exchange-stack/target/lib above " + Path.of("").toAbsolutePath() + "; add that artifact"
                + " to the test's dependencies, build it here with `mvn -B -q package -DskipTests -pl exchange-stack`,"
                + " or set -D" + PROPERTY + "=CLASSPATH"));
    }

    /**
     * The stack's class path from the exchange-stack artifact whose listing is at {@code listing} (empty when null),
     * with its runtime jars taken by file name from {@code entries}.
     *
     * @throws StackStartException naming the jars the listing asks for and {@code entries} lacks
     */
    static Optional<String> fromClassPath(URL listing, List<Path> entries) {
        if (listing == null) {
            return Optional.empty();
        }
        Path artifact = artifactOf(listing);
        // this repository's build: its jar and lib, as the docker images and the class-data archives want them
        Path target = artifact.getParent();
        if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")) {
            Optional<String> built = built(target);
            if (built.isPresent()) {
                return built;
            }
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path e : entries) {
            if (e.getFileName() != null) {
                byName.putIfAbsent(e.getFileName().toString(), e);
            }
        }
        List<String> parts = new ArrayList<>(List.of(artifact.toString()));
        List<String> missing = new ArrayList<>();
        for (String name : read(listing)) {
            Path jar = byName.get(name);
            if (jar == null) {
                missing.add(name);
            } else {
                parts.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new StackStartException("the staged exchange (" + artifact + ") needs these jars, which are not on the"
                + " class path: " + missing + "; depend on io.exchangechaos:exchange-stack without excluding its"
                + " dependencies and without overriding their versions (import io.exchangechaos:exchange-chaos-bom), or set"
                + " -D" + PROPERTY + "=CLASSPATH");
        }
        return Optional.of(String.join(File.pathSeparator, parts));
    }

    /** The jar or class directory {@code listing} is in. */
    private static Path artifactOf(URL listing) {
        try {
            if (listing.openConnection() instanceof JarURLConnection jar) {
                return Path.of(jar.getJarFileURL().toURI());
            }
            Path file = Path.of(listing.toURI());
            // META-INF/exchange-chaos/stack-classpath.txt under the class directory
            return file.getParent().getParent().getParent();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new StackStartException("cannot locate the exchange-stack artifact from " + listing + ": " + e, e);
        }
    }

    /** The jar file names the listing holds. */
    private static List<String> read(URL listing) {
        try (InputStream in = listing.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<String> names = new ArrayList<>();
            for (String entry : text.split("[:;\\s]+")) {
                if (!entry.isBlank()) {
                    names.add(entry.substring(entry.lastIndexOf('/') + 1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new StackStartException("cannot read " + listing + ": " + e.getMessage(), e);
        }
    }

    /** This JVM's class path entries (Surefire's test class path first, when it runs the tests from a manifest jar). */
    private static List<Path> classPathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String property : List.of("surefire.test.class.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String e : value.split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        entries.add(Path.of(e));
                    }
                }
            }
        }
        return entries;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StackClasspath.class.getClassLoader();
    }

    static Optional<String> find(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Optional<String> built = built(dir.resolve("exchange-stack/target"));
            if (built.isPresent()) {
                return built;
            }
        }
        return Optional.empty();
    }

    /** The jar and {@code lib} of exchange-stack's build in {@code target}, when it has both. */
    private static Optional<String> built(Path target) {
        Path lib = target.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (var jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().matches("exchange-stack-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-sources.jar")).findFirst()
                .map(jar -> jar + File.pathSeparator + lib + File.separator + "*");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
