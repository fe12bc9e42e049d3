package io.exchangechaos.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A user's jars (adapters, fault kinds and injectors, heal recipe kinds, checkers, backends, report writers) in a class
 * loader of their own, whose parent is the harness's: every registry of the harness finds implementations with
 * {@link java.util.ServiceLoader} on the thread's context class loader, so running with {@link #loader()} as that
 * loader ({@link #install()}) is what makes a plugin visible. Plugin jars see the harness's classes (its SPI and the
 * libraries it exposes) from the parent first. Immutable; the loader is kept for the life of the process, as classes
 * of a run may be used until it ends.
 */
public final class Plugins {
    /** What {@link Origin#jar()} says of the harness's own classes. */
    public static final String BUILT_IN = "built in";
    /** What {@link Origin#version()} says when a jar's manifest has no {@code Implementation-Version}. */
    public static final String UNKNOWN_VERSION = "unknown";

    private static final Map<List<Path>, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final ClassLoader loader;

    private Plugins(ClassLoader loader) {
        this.loader = loader;
    }

    /** No plugins beyond what {@code parent} sees. */
    public static Plugins none(ClassLoader parent) {
        return new Plugins(parent);
    }

    /** The plugins the current thread runs with: its context class loader's (the harness's own if it has none). */
    public static Plugins current() {
        return none(contextLoader());
    }

    /**
     * The jars at {@code paths} (each a jar, or a directory whose {@code *.jar} files are taken, in name order) over
     * {@code parent}. The same jars over the same parent give the same loader, so a registry's cache keeps working.
     *
     * @throws IllegalArgumentException naming the first path that is neither a jar nor a directory
     */
    public static Plugins of(List<Path> paths, ClassLoader parent) {
        Set<Path> jars = new LinkedHashSet<>();
        for (Path p : paths) {
            problem(p).ifPresent(why -> {
                throw new IllegalArgumentException("plugin path [" + p + "]: " + why);
            });
            jars.addAll(jarsAt(p));
        }
        // a jar the parent's plugins hold already stays theirs: loaded twice, its classes would be two sets of classes
        jars.removeAll(loadedBy(parent));
        if (jars.isEmpty()) {
            return none(parent);
        }
        List<Path> list = List.copyOf(jars);
        List<Path> key = new ArrayList<>(list);
        key.add(Path.of("@" + System.identityHashCode(parent)));
        ClassLoader loader = LOADERS.computeIfAbsent(List.copyOf(key), k -> new URLClassLoader("plugins",
            list.stream().map(Plugins::url).toArray(URL[]::new), parent));
        return new Plugins(loader);
    }

    private static Set<Path> loadedBy(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u && "plugins".equals(u.getName())) {
                for (URL url : u.getURLs()) {
                    try {
                        jars.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: not one of ours
                    }
                }
            }
        }
        return jars;
    }

    /** What is wrong with {@code path} as a plugin path, if anything: missing, or neither a jar nor a directory. */
    public static Optional<String> problem(Path path) {
        if (Files.isDirectory(path)) {
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            return Optional.of("no such file or directory; give a plugin jar or a directory of jars");
        }
        if (!path.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(path)) {
            return Optional.of("not a .jar file or a directory; give a plugin jar or a directory of jars");
        }
        return Optional.empty();
    }

    private static List<Path> jarsAt(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return List.of(absolute);
        }
        try (Stream<Path> files = Files.list(absolute)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("plugin path [" + jar + "]: " + e.getMessage(), e);
        }
    }

    /** Plugins over these: this one's jars first, then {@code more}. */
    public Plugins and(List<Path> more) {
        return more.isEmpty() ? this : of(more, loader);
    }

    /** Every plugin jar this loader searches, its parents' included, each once. */
    public List<Path> jars() {
        return List.copyOf(loadedBy(loader));
    }

    public ClassLoader loader() {
        return loader;
    }

    /**
     * Makes {@link #loader()} the current thread's context class loader, so the registries (and the threads this one
     * starts) find the plugins; {@code close()} puts the previous one back.
     */
    public Installed install() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        return () -> t.setContextClassLoader(before);
    }

    /** Runs {@code work} with {@link #loader()} as the context class loader. */
    public <T> T with(Supplier<T> work) {
        try (Installed ignored = install()) {
            return work.get();
        }
    }

    /** What {@link #install()} returns: closing it restores the context class loader. */
    @FunctionalInterface
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Where an implementation comes from: a plugin jar, or {@value #BUILT_IN} for a class of the harness's own class
     * path; and the {@code Implementation-Version} of the jar holding it, else {@value #UNKNOWN_VERSION}.
     */
    public record Origin(String jar, String version) {
    }

    /** The origin of {@code type}: the plugin jar holding it and that jar's {@code Implementation-Version}. */
    public static Origin origin(Class<?> type) {
        Optional<Path> jar = jarOf(type);
        boolean plugin = type.getClassLoader() instanceof URLClassLoader u && "plugins".equals(u.getName());
        String version = jar.flatMap(Plugins::implementationVersion).orElse(UNKNOWN_VERSION);
        return new Origin(plugin ? jar.map(Path::toString).orElse(UNKNOWN_VERSION) : BUILT_IN, version);
    }

    private static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> implementationVersion(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            return m == null ? Optional.empty()
                : Optional.ofNullable(m.getMainAttributes().getValue("Implementation-Version")).filter(v -> !v.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Plugins.class.getClassLoader();
    }
}
