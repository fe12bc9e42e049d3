package io.exchangechaos.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesEveryUnitAndRoundTrips() {
        assertThat(Durations.parse("1500ms")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse(Durations.format(Duration.ofSeconds(90)))).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDurationPastAnyRunIsNotADurationRatherThanAnOverflow() {
        // found by the loader's fuzz target: longValueExact threw ArithmeticException
        assertThat(Durations.parse("99999999999999999999999h")).isEmpty();
        assertThat(Durations.parse("1000000000001ms")).isEmpty();
        assertThat(Durations.parse("1000000000000ms")).contains(Duration.ofMillis(1_000_000_000_000L));
    }
}
