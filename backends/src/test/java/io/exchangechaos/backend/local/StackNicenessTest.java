package io.exchangechaos.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.backend.StackStartException;
import org.junit.jupiter.api.Test;

class StackNicenessTest {
    @Test
    void unsetMeansTheDefault() {
        assertThat(LocalStack.stackNiceness(null)).isEqualTo(LocalStack.DEFAULT_STACK_NICENESS);
        assertThat(LocalStack.stackNiceness(" ")).isEqualTo(LocalStack.DEFAULT_STACK_NICENESS);
    }

    @Test
    void aNicenessFromZeroToNineteenIsTaken() {
        assertThat(LocalStack.stackNiceness("0")).isZero();
        assertThat(LocalStack.stackNiceness(" 19 ")).isEqualTo(19);
    }

    @Test
    void anythingElseIsRefusedWithTheWayToFixIt() {
        for (String bad : new String[] {"-1", "20", "five"}) {
            assertThatThrownBy(() -> LocalStack.stackNiceness(bad))
                .isInstanceOf(StackStartException.class)
                .hasMessage("CHAOS_STACK_NICE=[" + bad + "] is not a niceness from 0 to 19; unset it or write e.g."
                    + " CHAOS_STACK_NICE=5");
        }
    }
}
