package io.exchangechaos.fault.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which processes a container kill may signal from this machine: those whose cgroup names the container. */
class ContainerInitTest {
    private static final String ID = "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19";
    private static final String OTHER = "0000000000000000000000000000000000000000000000000000000000000001";

    @Test
    void cgroupV1WithTheCgroupfsDriverNamesTheContainer() {
        String cgroup = """
            12:pids:/docker/%s
            6:freezer:/docker/%s
            4:memory:/docker/%s
            0::/
            """.formatted(ID, ID, ID);
        assertThat(ContainerInit.namesContainer(cgroup, ID)).isTrue();
        assertThat(ContainerInit.namesContainer(cgroup, OTHER)).isFalse();
    }

    @Test
    void cgroupV2WithSystemdNamesTheContainer() {
        assertThat(ContainerInit.namesContainer("0::/system.slice/docker-" + ID + ".scope\n", ID)).isTrue();
        assertThat(ContainerInit.namesContainer("0::/system.slice/docker-" + ID + ".scope\n", OTHER)).isFalse();
    }

    @Test
    void aShortIdOrAnythingButAnIdIsNotEnoughToTell() {
        String cgroup = "0::/docker/" + ID + "\n";
        assertThat(ContainerInit.namesContainer(cgroup, ID.substring(0, 12))).isFalse();
        assertThat(ContainerInit.namesContainer(cgroup, "")).isFalse();
        assertThat(ContainerInit.namesContainer(cgroup, "docker")).isFalse();
    }

    @Test
    void thisJvmIsInNoContainerOfThatId() throws Exception {
        String own = Files.readString(Path.of("/proc/self/cgroup"));
        assertThat(ContainerInit.namesContainer(own, ID)).isFalse();
    }
}
