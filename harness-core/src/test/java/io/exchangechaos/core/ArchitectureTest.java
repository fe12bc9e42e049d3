package io.exchangechaos.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module boundaries of #20, read from the sources of every module of the checkout: harness-core names nothing
 * of the injectors, servers or backends (they plug into its SPIs); the servers name nothing of the injectors that
 * drive them; and no two main classes share a simple name (the staged exchange aside: it is the system under test).
 */
class ArchitectureTest {
    /** A reference to a package in code: an import, or a name written out in full (strings and comments aside). */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.\"])io\\.exchangechaos\\.(fault|backend|server)\\.");

    @TempDir
    Path dir;

    @Test
    void harnessCoreDependsOnNoInjectorServerOrBackend() {
        assertThat(references(Path.of("src", "main", "java"), List.of("fault", "backend", "server"))).isEmpty();
    }

    @Test
    void theServersDependOnNoInjectorOrBackend() {
        Path servers = Path.of("..", "fault-injectors", "src", "main", "java", "io", "exchangechaos", "server");
        assertThat(servers).isDirectory();
        assertThat(references(servers, List.of("fault", "backend"))).isEmpty();
    }

    @Test
    void noTwoMainClassesShareASimpleName() {
        assertThat(duplicateNames(Path.of(".."))).isEmpty();
    }

    @Test
    void theChecksSeeWhatTheyLookFor() throws IOException {
        // GIVEN a checkout with a class name twice and a core class that imports an injector
        write("a/src/main/java/x/Fault.java", "package x;\nclass Fault {}\n");
        write("b/src/main/java/y/Fault.java", "package y;\nclass Fault {}\n");
        write("exchange-stack/src/main/java/z/Fault.java", "package z;\nclass Fault {}\n");
        write("core/src/main/java/c/Runner.java", "package c;\n\nimport io.exchangechaos.fault.network.NetworkFaults;\n"
            + "// io.exchangechaos.server.X in a comment\nclass Runner { String s = \"io.exchangechaos.backend.Y\";"
            + " Object o = io.exchangechaos.backend.local.LocalStack.class; }\n");

        // THEN both are found, and a comment, a string and the staged exchange are not
        assertThat(duplicateNames(dir)).containsOnlyKeys("Fault").hasEntrySatisfying("Fault", files ->
            assertThat(files).containsExactly(Path.of("a/src/main/java/x/Fault.java"), Path.of("b/src/main/java/y/Fault.java")));
        assertThat(references(dir.resolve("core/src/main/java"), List.of("fault", "backend", "server")))
            .containsExactly("c/Runner.java:3: import io.exchangechaos.fault.network.NetworkFaults;",
                "c/Runner.java:5: class Runner { String s = \"io.exchangechaos.backend.Y\"; Object o = io.exchangechaos.backend.local.LocalStack.class; }");
    }

    /** Each line under {@code root} that refers to one of {@code packages} of io.exchangechaos: {@code file:line: text}. */
    static List<String> references(Path root, List<String> packages) {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(root)) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String code = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*", "");
                if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    if (packages.contains(m.group(1))) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.trim());
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Simple names of top-level main classes found more than once, with their files; exchange-stack left out. */
    static Map<String, List<Path>> duplicateNames(Path checkout) {
        Map<String, List<Path>> byName = new TreeMap<>();
        try (Stream<Path> modules = Files.list(checkout)) {
            for (Path module : modules.filter(m -> !m.getFileName().toString().equals("exchange-stack")).sorted().toList()) {
                Path main = module.resolve("src").resolve("main").resolve("java");
                for (Path file : javaFiles(main)) {
                    String name = file.getFileName().toString().replaceAll("\\.java$", "");
                    if (!name.equals("package-info")) {
                        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(checkout.relativize(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byName.values().removeIf(files -> files.size() < 2);
        return byName;
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
