package io.exchangechaos.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.backend.StackStartException;
import io.exchangechaos.core.topology.Service;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container backend's addresses, worked out from the library's multi-region topology with no Docker engine:
 * its regions are global (config, credit-check), r1, r2 and r3, in the order of its services.
 */
class DockerNetworkPlanTest {
    private final Topology topology = Topologies.load(Topologies.MULTI_REGION);
    private final DockerNetworkPlan plan = new DockerNetworkPlan(topology);

    @Test
    void everyRegionHasASubnetAndEveryPairOfRegionsAWanNetwork() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("global", "10.213.1");
        expected.put("r1", "10.213.2");
        expected.put("r2", "10.213.3");
        expected.put("r3", "10.213.4");
        expected.put("wan-global-r1", "10.215.0");
        expected.put("wan-global-r2", "10.215.1");
        expected.put("wan-global-r3", "10.215.2");
        expected.put("wan-r1-r2", "10.215.3");
        expected.put("wan-r1-r3", "10.215.4");
        expected.put("wan-r2-r3", "10.215.5");

        assertThat(plan.networks()).containsExactlyEntriesOf(expected);
        assertThat(plan.regions()).containsExactly("global", "r1", "r2", "r3");
        assertThat(plan.isWan("wan-r1-r2")).isTrue();
        assertThat(plan.isWan("r1")).isFalse();
        assertThat(plan.pairName("r2", "r1")).isEqualTo("wan-r1-r2");
        assertThat(plan.pairSubnet("r3", "r1")).isEqualTo("10.215.4");
    }

    @Test
    void eachContainerHasAFixedRegionAddressAndOneHostNumberOnEveryWanNetwork() {
        assertThat(plan.containers()).containsExactly("proxy-global", "config", "credit-check", "proxy-r1", "engine-r1",
            "gateway-r1", "proxy-r2", "engine-r2", "gateway-r2", "proxy-r3", "engine-r3", "gateway-r3");
        assertThat(plan.regionIp("proxy-r1")).isEqualTo("10.213.2.2");
        assertThat(plan.regionIp("engine-r1")).isEqualTo("10.213.2.10");
        assertThat(plan.regionIp("gateway-r3")).isEqualTo("10.213.4.11");
        // engine-r1 is the fifth container: host 14 on each of its region's WAN networks
        assertThat(plan.wanAddress("engine-r1", "r2")).isEqualTo("10.215.3.14");
        assertThat(plan.wanAddress("engine-r1", "r3")).isEqualTo("10.215.4.14");
        assertThat(plan.addressFrom("r1", "engine-r1")).as("from its own region").isEqualTo("10.213.2.10");
        assertThat(plan.addressFrom("r2", "engine-r1")).as("from another region, over their WAN").isEqualTo("10.215.3.14");
        assertThat(plan.regionsWithLinks()).containsExactly("global", "r1", "r2", "r3");
    }

    @Test
    void commandLinesAreRewrittenToTheAddressesEachRegionReaches() {
        Service engine = topology.service("engine-r1").orElseThrow();
        Service gateway = topology.service("gateway-r2").orElseThrow();

        // its own listen address: every interface
        assertThat(plan.rewrite(engine, "127.0.1.20:9191", 5353)).isEqualTo("0.0.0.0:9191");
        // links: the proxy of the region they lead into, over the region network or the WAN
        assertThat(plan.rewrite(engine, "r1=127.0.1.21:9191,r2=127.0.2.21:9191,r3=127.0.3.21:9191", 5353))
            .isEqualTo("r1=10.213.2.2:9191,r2=10.215.3.16:9191,r3=10.215.4.19:9191");
        assertThat(plan.rewrite(gateway, "http://127.0.0.31:8500", 5353)).isEqualTo("http://10.215.1.10:8500");
        // the DNS server: the harness, at the region network's gateway
        assertThat(plan.rewrite(gateway, "127.0.0.53:10053", 5353)).isEqualTo("10.213.3.1:5353");
        // a service's own address (not through a link): its container
        assertThat(plan.rewrite(gateway, "127.0.0.30:8500", 5353)).isEqualTo("10.215.1.11:8500");
        // names and addresses the topology does not know are left alone
        assertThat(plan.rewrite(gateway, "engine.r1.exchange.test:9090", 5353)).isEqualTo("engine.r1.exchange.test:9090");
        assertThat(plan.rewrite(gateway, "10.1.2.3:80", 5353)).isEqualTo("10.1.2.3:80");
    }

    @Test
    void theDnsServerAnswersEachRegionWithItsOwnWayToARecord() throws Exception {
        // engine.r1's record names the link proxy in r1
        String record = plan.recordAddress("127.0.1.21");
        assertThat(record).isEqualTo("10.213.2.2");
        Inet4Address address = (Inet4Address) InetAddress.getByName(record);

        assertThat(plan.answer(InetAddress.getByName("10.213.2.11"), address).getHostAddress())
            .as("a client in r1 reaches r1's proxy on their region network").isEqualTo("10.213.2.2");
        assertThat(plan.answer(InetAddress.getByName("10.213.3.11"), address).getHostAddress())
            .as("a client in r2 reaches it over wan-r1-r2").isEqualTo("10.215.3.13");
        assertThat(plan.answer(InetAddress.getByName("127.0.0.1"), address).getHostAddress())
            .as("a client on none of the networks").isEqualTo("10.213.2.2");
        assertThat(plan.answer(InetAddress.getByName("10.213.3.11"), (Inet4Address) InetAddress.getByName("10.9.9.9"))
            .getHostAddress()).as("an address of no container").isEqualTo("10.9.9.9");
        assertThat(plan.recordAddress("10.9.9.9")).isEqualTo("10.9.9.9");
    }

    @Test
    void theHarnessReachesServicesAndProxiesAtTheirRegionAddresses() {
        assertThat(plan.fromHarness(URI.create("http://127.0.1.10:8080/health"))).isEqualTo(URI.create("http://10.213.2.11:8080/health"));
        assertThat(plan.fromHarness(URI.create("http://127.0.1.11:8080/x?y=1"))).isEqualTo(URI.create("http://10.213.2.2:8080/x?y=1"));
        assertThat(plan.entrypoints()).containsExactly(URI.create("http://10.213.2.2:8080"), URI.create("http://10.213.3.2:8080"),
            URI.create("http://10.213.4.2:8080"));
        assertThat(plan.proxyApi(topology.link("replication-r2").orElseThrow())).isEqualTo("http://10.213.3.2:8474");
        assertThat(plan.serviceUrl(topology.service("config").orElseThrow())).isEqualTo(URI.create("http://10.213.1.10:8500"));
        assertThat(plan.layout("rtest").path("containers").path("engine-r1").path("wanAddresses").path("wan-r1-r2").asText())
            .isEqualTo("10.215.3.14");
        assertThat(plan.layout("rtest").path("regions").path("r2").path("network").asText()).isEqualTo("chaos-rtest-r2");
    }

    @Test
    void twoLinksIntoOneRegionOnOnePortAreRefused() {
        String yaml = """
            name: clash
            domain: exchange.test
            dns: {listen: 127.0.0.53:10053, ttl: 5s}
            proxyApi: http://127.0.0.1:8474
            regions: [r1]
            services:
              - {name: a, kind: dependency, region: r1, listen: 127.0.1.20:8600, health: http://127.0.1.20:8600/h, start: [x]}
            links:
              - {name: one, from: client, to: a, listen: 127.0.1.21:8600, upstream: 127.0.1.20:8600}
              - {name: two, from: client, to: a, listen: 127.0.1.22:8600, upstream: 127.0.1.20:8600}
            entrypoints: [one]
            """;
        Topology clash = Topologies.parse(yaml, "clash.yaml", null);

        assertThatThrownBy(() -> new DockerNetworkPlan(clash)).isInstanceOf(StackStartException.class)
            .hasMessage("links [one] and [two] both listen on port 8600 and both lead into region [r1], whose proxy"
                + " container holds them; give one of them another port in clash");
    }

    @Test
    void moreRegionsThanWanSubnetsAreRefused() {
        StringBuilder yaml = new StringBuilder("name: wide\ndomain: exchange.test\ndns: {listen: 127.0.0.53:10053, ttl: 5s}\n"
            + "proxyApi: http://127.0.0.1:8474\nregions: [");
        StringBuilder services = new StringBuilder("services:\n");
        for (int i = 1; i <= 23; i++) {
            yaml.append(i == 1 ? "" : ", ").append("r").append(i);
            services.append("  - {name: s").append(i).append(", kind: dependency, region: r").append(i)
                .append(", listen: 127.0.").append(i).append(".20:8600, health: http://127.0.").append(i)
                .append(".20:8600/h, start: [x]}\n");
        }
        yaml.append("]\n").append(services).append("links:\n  - {name: one, from: client, to: s1, listen: 127.0.1.21:8600,"
            + " upstream: 127.0.1.20:8600}\nentrypoints: [one]\n");
        Topology wide = Topologies.parse(yaml.toString(), "wide.yaml", null);

        assertThatThrownBy(() -> new DockerNetworkPlan(wide))
            .isInstanceOf(StackStartException.class)
            .hasMessage("topology wide has 23 regions; the docker backend handles up to 22 (one WAN network per pair of regions)");
    }
}
