package io.exchangechaos.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named topologies as the exchange-stack artifact carries them: class-path resources {@code topologies/NAME.yaml} in
 * a jar, found by a run whose working directory is no checkout of this repository.
 */
class ClasspathTopologiesTest {
    @TempDir
    Path dir;

    @Test
    void aNamedTopologyInAJarIsReadWithTheSiblingFileItsWeaknessNames() throws Exception {
        // GIVEN a jar holding multi-region and the file its shared-failure-domain weakness runs
        Path stacks = Path.of("../exchange-stack/topologies");
        Path jar = jar(Map.of(
            "topologies/multi-region.yaml", Files.readAllBytes(stacks.resolve("multi-region.yaml")),
            "topologies/multi-region-shared-failure-domain.yaml",
            Files.readAllBytes(stacks.resolve("multi-region-shared-failure-domain.yaml")),
            "topologies/only-in-the-jar.yaml", Files.readAllBytes(stacks.resolve("single-region.yaml"))));

        // WHEN a topology found only there is resolved and loaded with the class path holding that jar
        Path file = withClassPath(jar, () -> Topologies.resolve(TopologyRef.of("only-in-the-jar"), null));
        Topology weak = withClassPath(jar, () -> Topologies.load(
            Topologies.resolve(TopologyRef.of("multi-region"), null), Weakness.SHARED_FAILURE_DOMAIN));

        // THEN it is a plain file (copied out of the jar), and the weakness's sibling file came along
        assertThat(file).isRegularFile().hasFileName("only-in-the-jar.yaml");
        assertThat(Topologies.load(file).name()).isEqualTo("single-region");
        assertThat(weak.services(ServiceKind.ENGINE)).allSatisfy(s -> assertThat(s.region()).isEqualTo("r1"));
        // and its name is offered with the others
        assertThat(withClassPath(jar, Topologies::names)).contains("only-in-the-jar", "multi-region", "single-region");
    }

    @Test
    void theSameContentIsCopiedOnceAndAChangedJarGetsItsOwnCopy() throws Exception {
        Path one = jar(Map.of("topologies/t.yaml", "name: one\n".getBytes()));
        Path same = jar(Map.of("topologies/t.yaml", "name: one\n".getBytes()));
        Path changed = jar(Map.of("topologies/t.yaml", "name: two\n".getBytes()));

        Path a = withClassPath(one, () -> ClasspathTopologies.find("t").orElseThrow());
        Path b = withClassPath(same, () -> ClasspathTopologies.find("t").orElseThrow());
        Path c = withClassPath(changed, () -> ClasspathTopologies.find("t").orElseThrow());

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a).content().isEqualTo("name: two\n");
        assertThat(a).content().isEqualTo("name: one\n");
    }

    @Test
    void aNameOnNoClassPathIsNotFound() throws Exception {
        Path jar = jar(Map.of("topologies/t.yaml", "name: one\n".getBytes()));
        assertThat(withClassPath(jar, () -> ClasspathTopologies.find("no-such-topology"))).isEmpty();
    }

    private Path jar(Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile(dir, "stack", ".jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("topologies/"));
            jar.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Runs {@code call} with a context class loader that sees {@code jar} (and nothing of this module's). */
    private static <T> T withClassPath(Path jar, Callable<T> call) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            t.setContextClassLoader(loader);
            return call.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
