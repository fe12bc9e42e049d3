package io.exchangechaos.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.backend.StackStartException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged exchange's class path, taken from a class path that holds the exchange-stack artifact. */
class StackClasspathTest {
    @TempDir
    Path dir;

    @Test
    void theArtifactAndTheJarsItListsAreTakenFromTheClassPathInItsOrder() throws IOException {
        // GIVEN the artifact as a user's build resolves it (in a repository), listing two runtime jars
        Path repo = dir.resolve("m2");
        Path stack = jar(repo.resolve("io/exchangechaos/exchange-stack/1.0/exchange-stack-1.0.jar"),
            "lib/ratis-server-3.3.0.jar:lib/jackson-core-2.21.3.jar");
        Path ratis = jar(repo.resolve("org/apache/ratis/ratis-server-3.3.0.jar"), null);
        Path jackson = jar(repo.resolve("com/fasterxml/jackson-core-2.21.3.jar"), null);
        Path gatling = jar(repo.resolve("io/gatling/gatling-core-3.15.1.jar"), null);

        // WHEN the stack's class path is resolved from a class path with those and more
        String cp = StackClasspath.fromClassPath(listing(stack), List.of(gatling, jackson, stack, ratis)).orElseThrow();

        // THEN it is the artifact, then exactly the listed jars, in the listing's order
        assertThat(cp).isEqualTo(String.join(File.pathSeparator, stack.toString(), ratis.toString(), jackson.toString()));
    }

    @Test
    void aListedJarMissingFromTheClassPathIsNamedWithTheFix() throws IOException {
        // GIVEN a class path where the user's build chose another jackson-core
        Path stack = jar(dir.resolve("exchange-stack-1.0.jar"), "lib/ratis-server-3.3.0.jar:lib/jackson-core-2.21.3.jar");
        Path ratis = jar(dir.resolve("ratis-server-3.3.0.jar"), null);
        Path otherJackson = jar(dir.resolve("jackson-core-2.17.0.jar"), null);

        // WHEN/THEN resolving names the missing jar and how to fix it
        assertThatThrownBy(() -> StackClasspath.fromClassPath(listing(stack), List.of(stack, ratis, otherJackson)))
            .isInstanceOf(StackStartException.class)
            .hasMessageContaining("not on the class path: [jackson-core-2.21.3.jar]")
            .hasMessageContaining("import io.exchangechaos:exchange-chaos-bom")
            .hasMessageContaining("-Dexchangechaos.stack.classpath=");
    }

    @Test
    void inThisRepositorysBuildTheBuiltJarAndItsLibAreUsed() throws IOException {
        // GIVEN exchange-stack's build output: the jar in target, its runtime jars in target/lib
        Path target = dir.resolve("exchange-stack/target");
        Path stack = jar(target.resolve("exchange-stack-0.1.0-SNAPSHOT.jar"), "lib/ratis-server-3.3.0.jar");
        Files.createDirectories(target.resolve("lib"));

        // WHEN it is on the class path (a module's integration tests)
        String cp = StackClasspath.fromClassPath(listing(stack), List.of(stack)).orElseThrow();

        // THEN the stack runs on the jar and lib/*, as the class-data archives and docker images want it
        assertThat(cp).isEqualTo(stack + File.pathSeparator + target.resolve("lib") + File.separator + "*");
    }

    @Test
    void withoutTheArtifactOnTheClassPathThereIsNothingToTake() {
        assertThat(StackClasspath.fromClassPath(null, List.of())).isEmpty();
    }

    private static URL listing(Path jar) throws IOException {
        return new URL("jar:" + jar.toUri() + "!/" + StackClasspath.LISTING);
    }

    /** A jar, with the stack's listing when {@code listing} is not null. */
    private static Path jar(Path file, String listing) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(listing == null ? "placeholder.txt" : StackClasspath.LISTING));
            jar.write((listing == null ? "" : listing).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
