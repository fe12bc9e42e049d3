package io.exchangechaos.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.topology.HostPort;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.ServiceKind;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackClassArchivesTest {
    @TempDir
    Path dir;
    /** Where a build of exchange-stack puts its jar. */
    Path target;

    @BeforeEach
    void build() throws Exception {
        target = Files.createDirectories(dir.resolve("exchange-stack/target"));
    }

    @Test
    void archivesOfAStackJarInARepositoryLiveInTheUsersHomeNotInTheRepository() {
        Path inRepository = dir.resolve("m2/io/exchangechaos/exchange-stack/1.0/exchange-stack-1.0.jar");
        assertThat(StackClassArchives.directoryFor(inRepository))
            .isEqualTo(Path.of(System.getProperty("user.home"), ".exchange-chaos", "cds"));
        assertThat(StackClassArchives.directoryFor(target.resolve("exchange-stack-1.jar"))).isEqualTo(target.resolve("cds"));
    }

    @Test
    void aClassDirectoryOnTheStacksClasspathMeansNoArchives() throws Exception {
        Path classes = Files.createDirectories(target.resolve("classes/io"));
        Files.writeString(classes.resolve("A.class"), "class");
        assertThat(StackClassArchives.forClasspath(target.resolve("classes").toString(), "/jdk")).isEmpty();
    }

    private String classpath() throws Exception {
        Files.writeString(target.resolve("exchange-stack-1.jar"), "jar");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("lib/a.jar"), "a");
        return target.resolve("exchange-stack-1.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    private static Service service(String name, ServiceKind kind, String... start) {
        return new Service(name, kind, "r1", new HostPort("127.0.0.1", 1), URI.create("http://127.0.0.1:1/health"),
            List.of(start));
    }

    private static Service stackService(String name, ServiceKind kind) {
        return service(name, kind, "${java}", "-cp", "${stack.classpath}", "Main");
    }

    @Test
    void theFirstOfEachKindWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        String classpath = classpath();
        StackClassArchives first = StackClassArchives.forClasspath(classpath, "/jdk").orElseThrow();
        Map<String, String> writer = first.environmentFor(stackService("engine-r1", ServiceKind.ENGINE));
        assertThat(writer.get("JDK_JAVA_OPTIONS")).contains("-XX:ArchiveClassesAtExit=" + target.resolve("cds"));
        assertThat(first.environmentFor(stackService("engine-r2", ServiceKind.ENGINE))).isEmpty();
        assertThat(first.environmentFor(stackService("gateway-r1", ServiceKind.GATEWAY)).get("JDK_JAVA_OPTIONS"))
            .contains("-XX:ArchiveClassesAtExit=");
        // a restart of the writer keeps writing
        assertThat(first.environmentFor(stackService("engine-r1", ServiceKind.ENGINE))).isEqualTo(writer);

        Path pending = Path.of(writer.get("JDK_JAVA_OPTIONS").replaceAll(".*ArchiveClassesAtExit=(\\S+).*", "$1"));
        Files.writeString(pending, "archive");
        first.keep(name -> Optional.of(name.startsWith("engine") ? 143 : 137));
        Path archive = first.archive("engine");
        assertThat(archive).hasContent("archive");
        assertThat(first.archive("gateway")).doesNotExist();

        StackClassArchives next = StackClassArchives.forClasspath(classpath, "/jdk").orElseThrow();
        assertThat(next.environmentFor(stackService("engine-r3", ServiceKind.ENGINE)).get("JDK_JAVA_OPTIONS"))
            .contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void anArchiveCutShortBySigkillIsDropped() throws Exception {
        StackClassArchives archives = StackClassArchives.forClasspath(classpath(), "/jdk").orElseThrow();
        String options = archives.environmentFor(stackService("engine-r1", ServiceKind.ENGINE)).get("JDK_JAVA_OPTIONS");
        Path pending = Path.of(options.replaceAll(".*ArchiveClassesAtExit=(\\S+).*", "$1"));
        Files.writeString(pending, "half");
        archives.keep(name -> Optional.of(137));
        assertThat(pending).doesNotExist();
        assertThat(archives.archive("engine")).doesNotExist();
    }

    @Test
    void halfWrittenArchivesOfADeadHarnessAreRemoved() throws Exception {
        String classpath = classpath();
        Files.createDirectories(target.resolve("cds"));
        Path orphan = Files.writeString(target.resolve("cds/abc-engine.999999999.tmp"), "half");
        Path mine = Files.writeString(target.resolve("cds/abc-engine." + ProcessHandle.current().pid() + ".tmp"), "mine");

        StackClassArchives.forClasspath(classpath, "/jdk").orElseThrow();

        assertThat(orphan).doesNotExist();
        assertThat(mine).exists();
    }

    @Test
    void aRebuiltStackGetsNewArchives() throws Exception {
        String classpath = classpath();
        StackClassArchives before = StackClassArchives.forClasspath(classpath, "/jdk").orElseThrow();
        Files.writeString(target.resolve("lib/a.jar"), "changed, longer");
        StackClassArchives after = StackClassArchives.forClasspath(classpath, "/jdk").orElseThrow();
        assertThat(after.archive("engine")).isNotEqualTo(before.archive("engine"));
    }

    @Test
    void servicesNotOnTheStackClasspathAreLeftAlone() throws Exception {
        StackClassArchives archives = StackClassArchives.forClasspath(classpath(), "/jdk").orElseThrow();
        assertThat(archives.environmentFor(service("mine", ServiceKind.GATEWAY, "/opt/my-gateway", "--port", "1")))
            .isEmpty();
        assertThat(archives.environmentFor(service("mine", ServiceKind.ENGINE, "java", "-cp", "my.jar", "Main")))
            .isEmpty();
    }

    @Test
    void switchedOffByProperty() throws Exception {
        System.setProperty(StackClassArchives.PROPERTY, "false");
        try {
            assertThat(StackClassArchives.forClasspath(classpath(), "/jdk")).isEmpty();
        } finally {
            System.clearProperty(StackClassArchives.PROPERTY);
        }
    }
}
