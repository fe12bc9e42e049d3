package io.exchangechaos.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class EngineRouterTest {
    private final EngineRouter router = new EngineRouter(List.of(
        EngineRouter.Endpoint.parse("engine.r1.exchange.test:9090"),
        EngineRouter.Endpoint.parse("engine.r2.exchange.test:9090"),
        EngineRouter.Endpoint.parse("engine.r3.exchange.test:9090")), null, ForkJoinPool.commonPool());

    @Test
    void aFollowersAnswerNamesTheLeaderToTryNext() {
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"status\":503,\"leader\":\"r3\"}")).isEqualTo(2);
        assertThat(router.hintedLeader("{\"leader\" : \"r1\"}")).isZero();
    }

    @Test
    void noUsableHintLeavesTheRoundRobin() {
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"status\":503}")).isEqualTo(-1);
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"leader\":\"r9\"}")).isEqualTo(-1);
        assertThat(router.hintedLeader("{\"error\":\"not leader\",\"leader\":\"exchange\"}")).isEqualTo(-1);
        assertThat(router.hintedLeader(null)).isEqualTo(-1);
    }
}
