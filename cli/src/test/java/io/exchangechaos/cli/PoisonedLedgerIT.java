package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.fault.network.NetworkRecipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ledger poisoned as {@code --toxiproxy http://127.0.0.1:99999} used to poison it (an entry whose heal calls a port
 * out of range, left by a run that is over), on the real {@code ./chaos}: cleanup retires it, saying why, and exits 0;
 * the next cleanup has nothing to heal. The same URL is now refused before anything starts, the ledger untouched.
 */
class PoisonedLedgerIT {

    @Test
    void cleanupRetiresAnEntryThatCanNeverHaveBeenInForce() throws Exception {
        // GIVEN the entry that run left: recorded, its creation failed, its heal failed
        Path work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/poisoned-ledger-it"));
        Path home = work.resolve("home");
        Path file = home.resolve(".exchange-chaos/ledger.jsonl");
        Files.deleteIfExists(file);
        FaultLedger ledger = new FaultLedger(file);
        String url = "http://127.0.0.1:99999";
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String id = ledger.newFaultId();
        // written as by another process, now gone (so cleanup does not leave it to a live run)
        String line = "{\"v\":1,\"event\":\"inject\",\"id\":\"" + id + "\",\"at\":\"2026-01-01T00:00:00Z\",\"type\":\"stack.proxies\","
            + "\"target\":\"proxies [client-gateway-r1] at " + url + "\",\"owner\":{\"pid\":" + dead.pid()
            + ",\"startTicks\":1,\"host\":\"" + ledger.self().host() + "\"},\"heal\":{\"kind\":\"delete-proxies\",\"apiUrl\":\""
            + url + "\",\"proxies\":[\"client-gateway-r1\"]}}\n"
            + "{\"v\":1,\"event\":\"heal-failed\",\"id\":\"" + id + "\",\"at\":\"2026-01-01T00:00:01Z\",\"detail\":\"port out of range:99999\"}\n";
        Files.createDirectories(file.getParent());
        Files.writeString(file, line);
        assertThat(ledger.unhealed()).hasSize(1);
        assertThat(ledger.unhealed().get(0).heal()).isInstanceOf(NetworkRecipes.DeleteProxies.class);
        Map<String, String> env = Map.of("CHAOS_JAVA_OPTS", "-Duser.home=" + home);

        // WHEN cleanup runs
        Launcher.Result cleanup = Launcher.chaos(work, env, Duration.ofSeconds(90), "cleanup");

        // THEN it retires the entry, saying so, and exits 0; nothing is left for the next cleanup
        assertThat(cleanup.exit()).as(cleanup.out() + cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("ALREADY_GONE  " + id + " stack.proxies [proxies [client-gateway-r1] at " + url
            + "]: never in force, retired: [" + url + "] is no address a server can listen on (port 99999 is out of"
            + " range), so nothing was ever created there");
        assertThat(ledger.unhealed()).isEmpty();
        assertThat(Launcher.chaos(work, env, Duration.ofSeconds(90), "cleanup").out()).contains("Nothing to heal.");

        // AND the URL that poisoned it is refused before anything starts, the ledger untouched
        List<String> before = Files.readAllLines(file);
        Launcher.Result run = Launcher.chaos(work, env, Duration.ofSeconds(90), "run", "region-loss", "--toxiproxy", url,
            "--out", work.resolve("runs").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--toxiproxy [" + url + "]: port 99999 out of range; pass a port from 1 to 65535,"
            + " e.g. --toxiproxy http://127.0.0.1:8474\n");
        assertThat(Files.readAllLines(file)).isEqualTo(before);
        assertThat(work.resolve("runs")).doesNotExist();
    }
}
