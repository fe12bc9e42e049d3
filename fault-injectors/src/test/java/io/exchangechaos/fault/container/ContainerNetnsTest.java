package io.exchangechaos.fault.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading iproute2's one-line output (as {@code ip -o} prints it inside a container of Docker 20.10). */
class ContainerNetnsTest {
    private static final String ADDRESSES = """
        1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
        8364: eth0    inet 10.216.1.5/24 brd 10.216.1.255 scope global eth0\\       valid_lft forever preferred_lft forever
        8366: eth1    inet 10.216.2.5/24 brd 10.216.2.255 scope global eth1\\       valid_lft forever preferred_lft forever
        """;

    @Test
    void theInterfaceIsTheOneHoldingTheAddress() {
        assertThat(ContainerNetns.interfaceWith(ADDRESSES, "10.216.2.5")).hasValue("eth1");
        assertThat(ContainerNetns.interfaceWith(ADDRESSES, "10.216.1.5")).hasValue("eth0");
        // a prefix of another address, or the broadcast address, is not a match
        assertThat(ContainerNetns.interfaceWith(ADDRESSES, "10.216.2.")).isEmpty();
        assertThat(ContainerNetns.interfaceWith(ADDRESSES, "10.216.2.255")).isEmpty();
        assertThat(ContainerNetns.interfaceWith(ADDRESSES, "10.216.2.50")).isEmpty();
        assertThat(ContainerNetns.interfaceWith("8366: eth1@if8367    inet 10.0.0.2/24 scope global eth1\n", "10.0.0.2"))
            .hasValue("eth1");
    }

    @Test
    void theDefaultRouteLeavesByItsDevice() {
        assertThat(ContainerNetns.defaultDevice("default via 10.216.1.1 dev eth0 \n")).hasValue("eth0");
        assertThat(ContainerNetns.defaultDevice("")).isEmpty();
    }

    @Test
    void aLinkIsUpWhenItsFlagsSaySo() {
        assertThat(ContainerNetns.up("8366: eth1@if8367: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP"))
            .hasValue(true);
        assertThat(ContainerNetns.up("8366: eth1@if8367: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN"))
            .hasValue(false);
        // LOWER_UP alone (carrier, not administratively up) is not up
        assertThat(ContainerNetns.up("2: eth1: <BROADCAST,LOWER_UP> mtu 1500")).hasValue(false);
        assertThat(ContainerNetns.up("Device \"eth9\" does not exist.")).isEmpty();
    }
}
