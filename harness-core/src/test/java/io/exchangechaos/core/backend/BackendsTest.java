package io.exchangechaos.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run on a class path without the backends artifact says which artifact to add, not NoClassDefFoundError. */
class BackendsTest {
    @TempDir
    Path dir;

    /** A backend of a user's own, as a plugin jar would list it. */
    public static final class Kubernetes implements Backend {
        @Override
        public String name() {
            return "kubernetes";
        }

        @Override
        public Stack start(StackRequest request) {
            throw new StackStartException("not in this test");
        }
    }

    @Test
    void aPluginBackendIsFoundByNameAndAnUnknownNameListsTheKnownOnes() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Backend.class.getName()), Kubernetes.class.getName() + "\n");
        Thread self = Thread.currentThread();
        ClassLoader before = self.getContextClassLoader();
        self.setContextClassLoader(new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendsTest.class.getClassLoader()));
        try {
            assertThat(Backends.named("kubernetes")).isInstanceOf(Kubernetes.class);
            assertThatThrownBy(() -> Backends.named("docker")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no backend [docker] on the class path; backends: [kubernetes]. A backend of your own is"
                    + " listed in META-INF/services/io.exchangechaos.core.backend.Backend");
        } finally {
            self.setContextClassLoader(before);
        }
    }

    @Test
    void withoutBackendsOnTheClassPathTheMessageNamesTheArtifact() {
        // this module's class path has none: the backends module depends on it, not the other way round
        assertThat(Backends.all()).isEmpty();

        assertThatThrownBy(() -> Backends.named("local")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("no backend on the class path, so no stack can start: add the artifact io.exchangechaos:backends"
                + " (local processes and containers) to the class path");
    }
}
