package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.CleanupReport;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.LedgerEntry;
import io.exchangechaos.fault.config.ConfigRecipes;
import io.exchangechaos.fault.config.ConfigServiceClient;
import io.exchangechaos.fault.config.ConfigServiceFixture;
import io.exchangechaos.fault.container.ContainerRecipes;
import io.exchangechaos.fault.dependency.DependencyRecipes;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.fault.process.ProcessRecipes;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import io.exchangechaos.server.dns.FaultSpec;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger written by the harness before the fault SPI (resource {@code ledger/written-before-the-fault-spi.jsonl}: a
 * run that injected through the real injectors against external servers, then crashed) is still read, every recipe
 * kind to its recipe, and healed. The servers it named are started again here on ports of this test's choosing, and
 * the owner's host is this machine's: cleanup leaves another host's faults alone on purpose.
 */
class OldLedgerTest {
    private static final String CONTAINER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aLedgerWrittenBeforeTheFaultSpiIsReadAndHealed() throws Exception {
        try (ToxiproxyServer proxy = ToxiproxyServer.start("127.0.0.1", 0);
             DnsFaultServer dns = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test")
                 .withDnsListen(new InetSocketAddress("127.0.0.1", 0)).withControlListen(new InetSocketAddress("127.0.0.1", 0))
                 .withRecord("engine.r1.exchange.test", "127.0.1.10"));
             ConfigServiceFixture config = ConfigServiceFixture.startFake()) {
            WireMockServer wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            wiremock.start();
            try {
                // GIVEN the old ledger, pointed at this test's servers
                FaultLedger ledger = oldLedger(Map.of(
                    "http://127.0.91.1:18474", proxy.apiUrl(),
                    "http://127.0.91.1:18475", dns.client().baseUri().toString().replaceAll("/$", ""),
                    "http://127.0.91.1:18476", "http://127.0.0.1:" + wiremock.port(),
                    "http://127.0.91.1:18477", config.url().replaceAll("/$", "")));
                Map<String, LedgerEntry> byType = ledger.entries().stream()
                    .collect(Collectors.toMap(LedgerEntry::type, Function.identity(), (a, b) -> a));

                // WHEN it is read THEN every recipe kind comes back as its recipe, none unreadable
                assertThat(ledger.read().problems()).isEmpty();
                assertThat(ledger.entries()).hasSize(14).noneMatch(e -> e.heal() instanceof HealRecipe.Unreadable);
                assertThat(ledger.unhealed()).hasSize(13);
                NetworkRecipes.RemoveToxics toxics = (NetworkRecipes.RemoveToxics) byType.get("network.latency").heal();
                assertThat(toxics.toxics()).containsExactly("chaos-f-0b1c1d194f53-up", "chaos-f-0b1c1d194f53-down");
                assertThat(toxics.holder()).isNull();
                assertThat(byType.get("network.partition").heal()).isInstanceOf(NetworkRecipes.EnableProxy.class);
                assertThat(byType.get("stack.proxies").heal()).isInstanceOf(NetworkRecipes.DeleteProxies.class);
                assertThat(byType.get("dns.empty").heal()).isEqualTo(new DnsRecipes.RemoveDnsFault(
                    dns.client().baseUri().toString().replaceAll("/$", ""), "engine.r1.exchange.test", "EMPTY", "dns-1"));
                assertThat(byType.get("dependency.fixed-delay").heal()).isInstanceOf(DependencyRecipes.RemoveStub.class);
                assertThat(byType.get("process.freeze").heal()).isInstanceOf(ProcessRecipes.ThawProcess.class);
                assertThat(byType.get("process.kill").heal()).isInstanceOf(ProcessRecipes.RestartProcess.class);
                assertThat(byType.get("process.run").heal()).isInstanceOf(ProcessRecipes.StopProcess.class);
                assertThat(byType.get("config.push").heal()).isInstanceOf(ConfigRecipes.RollbackConfig.class);
                assertThat(byType.get("container.pause").heal().steps()).singleElement()
                    .isEqualTo(new ContainerRecipes.UnpauseContainer("engine-r9", CONTAINER));
                assertThat(byType.get("container.kill").heal()).isEqualTo(new ContainerRecipes.StartContainer("engine-r9", CONTAINER));
                assertThat(byType.get("container.disconnect").heal().steps()).containsExactly(
                    new ContainerRecipes.ConnectNetwork("chaos-rold-wan-r8-r9", "engine-r9", CONTAINER, List.of("engine-r9"), "10.215.0.12"),
                    new ContainerRecipes.SetLinkUp("chaos-rold-wan-r7-r9", "engine-r9", CONTAINER, "eth2", List.of("engine-r9"), "10.215.1.12"));

                // AND the faults it names are in force again on this test's servers
                ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", proxy.port());
                Proxy link = client.createProxy("old-link", "127.0.0.1:0", "127.0.0.1:9");
                link.toxics().latency("chaos-f-0b1c1d194f53-up", ToxicDirection.UPSTREAM, 150);
                link.toxics().latency("chaos-f-0b1c1d194f53-down", ToxicDirection.DOWNSTREAM, 150);
                client.createProxy("old-cut", "127.0.0.1:0", "127.0.0.1:9").disable();
                client.createProxy("old-lease", "127.0.0.1:0", "127.0.0.1:9");
                dns.client().inject(FaultSpec.empty("engine.r1.exchange.test"));
                wiremock.stubFor(WireMock.post("/credit-check").withId(UUID.fromString("63f1d3fc-caa6-4303-931c-4a3b50adb0be"))
                    .willReturn(WireMock.ok()));
                ConfigServiceClient configs = new ConfigServiceClient(config.url());
                configs.push(ConfigServiceFixture.GOOD_CONFIG.replace("100,", "101,"), "v2");
                configs.push(ConfigServiceFixture.GOOD_CONFIG.replace("100,", "102,"), "v3");
                configs.push("{not json", "chaos f-config");
                // the container recipes need a Docker engine: read above, healed elsewhere (ContainerFaultsIT)
                for (String type : List.of("container.pause", "container.kill", "container.disconnect")) {
                    ledger.recordHealed(byType.get(type).id(), "not healed here: needs a Docker engine");
                }

                // WHEN cleanup runs over it
                CleanupReport report = Cleanup.of(ledger).withoutSweep().run();

                // THEN each is healed, or found gone where the process it named is gone
                Map<String, HealResult> results = report.items().stream()
                    .collect(Collectors.toMap(CleanupReport.Item::id, CleanupReport.Item::result));
                assertThat(report.isClean()).as(report.format()).isTrue();
                assertThat(results.get("f-0b1c1d194f53").detail())
                    .isEqualTo("removed toxics [chaos-f-0b1c1d194f53-up, chaos-f-0b1c1d194f53-down] from proxy [old-link]");
                assertThat(results.get("f-8fde93af34e4").detail()).isEqualTo("enabled proxy [old-cut]");
                assertThat(results.get("f-034422dc2f89").detail())
                    .startsWith("deleted proxies [old-lease]");
                assertThat(results.get("f-e27b886f8b3f").detail())
                    .isEqualTo("removed DNS fault dns-1 (EMPTY engine.r1.exchange.test)");
                assertThat(results.get("f-d176f803feba").detail())
                    .startsWith("removed stub 63f1d3fc-caa6-4303-931c-4a3b50adb0be");
                assertThat(results.get("f-6b11fb4a5928").detail())
                    .startsWith("rolled config back: v5 restores v3 over the pushed v4");
                assertThat(List.of(results.get("f-d33dd55f27fd"), results.get("f-7dc7bdaaf8fb"), results.get("f-c6ac93d61c11")))
                    .extracting(HealResult::outcome).containsOnly(HealOutcome.ALREADY_GONE);
                assertThat(results.get("f-ed431be5a1cc").detail())
                    .isEqualTo("old-killed not restarted: the run that started it (f-c6ac93d61c11) is over or being cleaned up");
                assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("old-link", "old-cut");
                assertThat(client.getProxy("old-link").toxics().getAll()).isEmpty();
                assertThat(client.getProxy("old-cut").isEnabled()).isTrue();
                assertThat(dns.client().faults()).isEmpty();
                assertThat(ledger.unhealed()).isEmpty();
            } finally {
                wiremock.stop();
            }
        }
    }

    /** The old ledger in a fresh file, its servers' addresses swapped for {@code servers}, its owner on this host. */
    private FaultLedger oldLedger(Map<String, String> servers) throws Exception {
        String text;
        try (InputStream in = OldLedgerTest.class.getResourceAsStream("/ledger/written-before-the-fault-spi.jsonl")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        text = text.replace("\"host\":\"vm\"", "\"host\":\"" + ledger.self().host() + "\"");
        for (Map.Entry<String, String> e : servers.entrySet()) {
            text = text.replace("\"" + e.getKey(), "\"" + e.getValue());
        }
        Files.writeString(ledger.file(), text);
        return ledger;
    }
}
