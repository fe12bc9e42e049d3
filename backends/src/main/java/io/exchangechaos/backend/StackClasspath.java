package io.exchangechaos.backend;

import io.exchangechaos.core.backend.StackStartException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the staged exchange's jars are: {@code -Dexchangechaos.stack.classpath=…}, or {@code exchange-stack/target}
 * found by walking up from the working directory.
 */
public final class StackClasspath {
    public static final String PROPERTY = "exchangechaos.stack.classpath";

    private StackClasspath() {
    }

    public static String resolve() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return find(Path.of("").toAbsolutePath()).orElseThrow(() -> new StackStartException(
            "cannot find the staged exchange's jars (exchange-stack/target/lib) above " + Path.of("").toAbsolutePath()
                + "; build them with `mvn -B -q package -DskipTests -pl exchange-stack` or set -D" + PROPERTY));
    }

    static Optional<String> find(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("exchange-stack/target");
            Path lib = target.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (var jars = Files.list(target)) {
                    Optional<Path> jar = jars.filter(p -> p.getFileName().toString().matches("exchange-stack-.*\\.jar")
                        && !p.getFileName().toString().endsWith("-sources.jar")).findFirst();
                    if (jar.isPresent()) {
                        return Optional.of(jar.get() + File.pathSeparator + lib + File.separator + "*");
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
