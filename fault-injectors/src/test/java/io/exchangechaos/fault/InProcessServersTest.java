package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.core.ledger.ProcStat;
import io.exchangechaos.fault.discovery.DnsRecipes;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.server.InProcessServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fault held by a server inside the harness's own JVM (the embedded proxy, the DNS server) dies with that JVM:
 * after a {@code kill -9} its heal step is ALREADY_GONE, not FAILED for ever on an API nobody serves.
 */
class InProcessServersTest {
    static final String NOBODY = "http://127.0.0.1:1";

    @Test
    void a_fault_whose_holder_process_is_gone_is_already_gone_without_asking_its_api() throws Exception {
        // GIVEN the pid and start time of a process that has ended
        Process p = new ProcessBuilder("sleep", "30").start();
        String holder = p.pid() + ":" + ProcStat.startTicks(p.pid()).orElseThrow();
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Healer healer = new Healer(Duration.ofSeconds(1), Duration.ofSeconds(1));

        // WHEN recipes it held are healed, THEN each is already gone, saying why
        for (HealRecipe recipe : List.of(new NetworkRecipes.RemoveToxics(NOBODY, "db", List.of("chaos-f-1-up"), holder),
            new NetworkRecipes.EnableProxy(NOBODY, "db", holder),
            new DnsRecipes.RemoveDnsFault(NOBODY, "a.test", "EMPTY", "dns-1", holder))) {
            HealResult r = healer.heal(recipe);
            assertThat(r.outcome()).as("%s", recipe).isEqualTo(HealOutcome.ALREADY_GONE);
            assertThat(r.detail()).contains("served by pid " + p.pid() + ", which is gone: the fault went with it");
        }
    }

    @Test
    void an_unreachable_api_of_a_live_or_unknown_holder_still_fails() {
        Healer healer = new Healer(Duration.ofSeconds(1), Duration.ofSeconds(1));
        String self = ProcessHandle.current().pid() + ":" + ProcStat.startTicks(ProcessHandle.current().pid()).orElseThrow();

        assertThat(healer.heal(new NetworkRecipes.RemoveToxics(NOBODY, "db", List.of("t"), self)).outcome()).isEqualTo(HealOutcome.FAILED);
        assertThat(healer.heal(new DnsRecipes.RemoveDnsFault(NOBODY, "a.test", "EMPTY", "dns-1")).outcome()).isEqualTo(HealOutcome.FAILED);
    }

    @Test
    void only_urls_this_jvm_serves_have_a_holder() {
        InProcessServers.register("http://127.0.0.1:18999");
        try {
            assertThat(InProcessServers.holderOf("http://127.0.0.1:18999/")).startsWith(ProcessHandle.current().pid() + ":");
            assertThat(InProcessServers.holderOf("http://127.0.0.1:18998")).isNull();
        } finally {
            InProcessServers.unregister("http://127.0.0.1:18999");
        }
        assertThat(InProcessServers.holderOf("http://127.0.0.1:18999")).isNull();
    }
}
