package io.exchangechaos.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntrypointHealthTest {
    private static final long S = 1_000_000_000L;
    private final EntrypointHealth health = new EntrypointHealth(3, Duration.ofSeconds(5), Duration.ofSeconds(4));

    @Test
    void healthyEntrypointsAreUsedRoundRobinFromTheHome() {
        assertThat(health.choose(0, 0, 0)).isEqualTo(0);
        assertThat(health.choose(1, 0, 0)).isEqualTo(1);
        assertThat(health.choose(2, 1, 0)).isEqualTo(0);
    }

    @Test
    void anEntrypointThatGaveNoAnswerIsSkippedUntilItsTimeIsUp() {
        health.noAnswer(1, 10 * S);

        assertThat(health.choose(1, 0, 11 * S)).isEqualTo(2);
        assertThat(health.choose(0, 1, 11 * S)).isEqualTo(2);
        assertThat(health.isDown(1, 14 * S)).isTrue();
        assertThat(health.isDown(1, 15 * S)).isFalse();
    }

    @Test
    void onlyOneOrderProbesAnEntrypointWhoseTimeIsUp() {
        health.noAnswer(1, 0);

        assertThat(health.choose(1, 0, 6 * S)).as("the probe").isEqualTo(1);
        assertThat(health.choose(1, 0, 6 * S)).as("everyone else while the probe is out").isEqualTo(2);
        assertThat(health.choose(1, 0, 9 * S)).isEqualTo(2);
        // the probe was never answered: after the request timeout another order probes
        assertThat(health.choose(1, 0, 10 * S + 1)).isEqualTo(1);
    }

    @Test
    void anAnswerMarksTheEntrypointUpAgain() {
        health.noAnswer(1, 0);
        health.answered(1);

        assertThat(health.choose(1, 0, 1)).isEqualTo(1);
    }

    @Test
    void whenEveryEntrypointIsDownTheRoundRobinChoiceStands() {
        for (int i = 0; i < 3; i++) {
            health.noAnswer(i, 0);
        }
        assertThat(health.choose(2, 0, S)).isEqualTo(2);
        assertThat(health.choose(2, 2, S)).isEqualTo(1);
    }
}
