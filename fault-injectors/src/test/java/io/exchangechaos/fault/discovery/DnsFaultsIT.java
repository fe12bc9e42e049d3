package io.exchangechaos.fault.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.core.ledger.InjectedFault;
import io.exchangechaos.server.dns.DnsFaultClient;
import io.exchangechaos.server.dns.DnsFaultServer;
import io.exchangechaos.server.dns.DnsServerConfig;
import io.exchangechaos.server.dns.FaultSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Against the DNS fault server over its HTTP control API, observed with real DNS queries. */
class DnsFaultsIT {
    static final String NAME = "engine.r1.exchange.test";

    static DnsFaultServer server;
    static DnsFaultClient client;

    @TempDir
    Path dir;
    FaultLedger ledger;
    DnsFaults dns;

    @BeforeAll
    static void startServer() throws IOException {
        server = DnsFaultServer.start(DnsServerConfig.forZone("exchange.test").withRecord(NAME, "127.0.1.21"));
        client = server.controlUri().map(DnsFaultClient::connect).orElseThrow();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        dns = DnsFaults.connect(client, FaultRecorder.using(ledger));
    }

    @AfterEach
    void nothingLeft() {
        assertThat(client.faults()).isEmpty();
        assertThat(ledger.unhealed()).isEmpty();
    }

    static Message query(String name) throws IOException {
        InetSocketAddress at = server.udpAddress();
        SimpleResolver resolver = new SimpleResolver(at);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    }

    static String address(Message m) {
        return m.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
            .map(r -> ((ARecord) r).getAddress().getHostAddress()).findFirst().orElse("none");
    }

    @Test
    void nxdomain_is_answered_until_close() throws IOException {
        try (InjectedFault gone = dns.nxdomain(NAME)) {
            assertThat(query(NAME).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(gone.type()).isEqualTo("dns.nxdomain");
            DnsRecipes.RemoveDnsFault recipe = (DnsRecipes.RemoveDnsFault) ledger.entry(gone.id()).orElseThrow().heal();
            assertThat(recipe.faultId()).isEqualTo(client.faults().get(0).id());
        }
        Message healthy = query(NAME);
        assertThat(healthy.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(address(healthy)).isEqualTo("127.0.1.21");
    }

    @Test
    void servfail_empty_and_wrong_address_on_a_glob() throws IOException {
        try (InjectedFault f = dns.servfail("engine.*.exchange.test")) {
            assertThat(query(NAME).getRcode()).isEqualTo(Rcode.SERVFAIL);
        }
        try (InjectedFault f = dns.empty(NAME)) {
            Message m = query(NAME);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(address(m)).isEqualTo("none");
        }
        try (InjectedFault f = dns.wrongAddress(NAME, "127.0.0.99")) {
            assertThat(address(query(NAME))).isEqualTo("127.0.0.99");
        }
        assertThat(address(query(NAME))).isEqualTo("127.0.1.21");
    }

    @Test
    void latency_answers_late() throws IOException {
        try (InjectedFault f = dns.latency(NAME, Duration.ofMillis(600))) {
            long start = System.nanoTime();
            assertThat(address(query(NAME))).isEqualTo("127.0.1.21");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void drop_gives_no_answer() {
        try (InjectedFault f = dns.drop(NAME)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                SimpleResolver resolver = new SimpleResolver(server.udpAddress());
                resolver.setTimeout(Duration.ofMillis(500));
                resolver.send(Message.newQuery(Record.newRecord(Name.fromString(NAME + "."), Type.A, DClass.IN)));
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void a_fault_whose_server_id_was_never_recorded_is_removed_by_pattern_and_mode() {
        // GIVEN a run that applied a fault and died before recording the id the server gave it
        client.inject(FaultSpec.empty(NAME));
        client.inject(FaultSpec.nxdomain("other.exchange.test"));
        DnsRecipes.RemoveDnsFault intent = new DnsRecipes.RemoveDnsFault(client.baseUri().toString(), NAME, "EMPTY", null);

        // WHEN its intent heals
        assertThat(new Healer().heal(intent).outcome()).isEqualTo(HealOutcome.HEALED);

        // THEN only faults of that pattern and mode are gone
        assertThat(client.faults()).singleElement().satisfies(f -> assertThat(f.pattern()).isEqualTo("other.exchange.test"));
        client.clearFaults();
        assertThat(new Healer().heal(intent).outcome()).isEqualTo(HealOutcome.ALREADY_GONE);
    }
}
