package io.exchangechaos.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientDeadlineTest {

    @Test
    void aClientThatWaitsFourSecondsGetsAnAnswerHalfASecondBeforeItGivesUp() {
        assertThat(ClientDeadline.engineBudget("4000", Duration.ZERO)).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void timeAlreadySpentOnTheRequestComesOffTheBudget() {
        assertThat(ClientDeadline.engineBudget("4000", Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(2800));
    }

    @Test
    void withoutAUsableHeaderTheGatewayKeepsItsOwnBudget() {
        assertThat(ClientDeadline.engineBudget(null, Duration.ofMillis(700))).isEqualTo(Gateway.ENGINE_BUDGET);
        assertThat(ClientDeadline.engineBudget("soon", Duration.ZERO)).isEqualTo(Gateway.ENGINE_BUDGET);
        assertThat(ClientDeadline.engineBudget("-5", Duration.ZERO)).isEqualTo(Gateway.ENGINE_BUDGET);
        assertThat(ClientDeadline.engineBudget("0", Duration.ZERO)).isEqualTo(Gateway.ENGINE_BUDGET);
    }

    @Test
    void aHurriedClientStillGetsOneAttemptAndAPatientOneDoesNotHoldTheGatewayForever() {
        assertThat(ClientDeadline.engineBudget("300", Duration.ZERO)).isEqualTo(ClientDeadline.FLOOR);
        assertThat(ClientDeadline.engineBudget("4000", Duration.ofSeconds(5))).isEqualTo(ClientDeadline.FLOOR);
        assertThat(ClientDeadline.engineBudget("600000", Duration.ZERO)).isEqualTo(ClientDeadline.CEILING);
    }
}
