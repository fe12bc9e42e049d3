package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FaultTableTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-10-20T06:48:00Z"), ZoneOffset.UTC);
    private final FaultTable table = new FaultTable(Zone.of("exchange.test"), clock);

    @Test
    void givesEachFaultItsOwnIdAndTime() {
        ActiveDnsFault first = table.activate(FaultSpec.nxdomain("engine.r1.exchange.test"));
        ActiveDnsFault second = table.activate(FaultSpec.servfail("engine.r2.exchange.test"));

        assertThat(first.id()).isEqualTo("dns-1");
        assertThat(second.id()).isEqualTo("dns-2");
        assertThat(first.activatedAt()).isEqualTo(clock.instant());
        assertThat(table.list()).containsExactly(first, second);
    }

    @Test
    void healingOneLeavesTheOthers() {
        ActiveDnsFault r1 = table.activate(FaultSpec.nxdomain("engine.r1.exchange.test"));
        ActiveDnsFault r2 = table.activate(FaultSpec.servfail("engine.r2.exchange.test"));

        assertThat(table.heal(r1.id())).isTrue();
        assertThat(table.heal(r1.id())).isFalse();

        assertThat(table.match("engine.r1.exchange.test")).isEmpty();
        assertThat(table.match("engine.r2.exchange.test")).contains(r2);
    }

    @Test
    void latestMatchingFaultWinsAndHealingItRevealsTheEarlierOne() {
        ActiveDnsFault glob = table.activate(FaultSpec.empty("engine.*.exchange.test"));
        ActiveDnsFault exact = table.activate(FaultSpec.servfail("engine.r1.exchange.test"));

        assertThat(table.match("engine.r1.exchange.test")).contains(exact);
        assertThat(table.match("engine.r2.exchange.test")).contains(glob);

        table.heal(exact.id());
        assertThat(table.match("engine.r1.exchange.test")).contains(glob);
    }

    @Test
    void clearHealsAll() {
        table.activate(FaultSpec.nxdomain("engine.r1.exchange.test"));
        table.activate(FaultSpec.drop("engine.r2.exchange.test"));

        assertThat(table.clear()).isEqualTo(2);
        assertThat(table.list()).isEmpty();
        assertThat(table.match("engine.r2.exchange.test")).isEmpty();
    }

    @Test
    void refusesAPatternOutsideTheZone() {
        assertThatThrownBy(() -> table.activate(FaultSpec.nxdomain("*.test")))
                .hasMessage("pattern [*.test] is outside zone [exchange.test]; use a name ending in .exchange.test");
        assertThatThrownBy(() -> table.activate(FaultSpec.nxdomain("engine.r1.exchange.test.evil")))
                .hasMessage("pattern [engine.r1.exchange.test.evil] is outside zone [exchange.test]; use a name ending in .exchange.test");
        assertThat(table.list()).isEmpty();
    }
}
