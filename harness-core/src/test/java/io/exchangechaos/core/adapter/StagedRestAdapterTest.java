package io.exchangechaos.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the staged exchange's answers to a shed or refused order are counted. */
class StagedRestAdapterTest {
    private final StagedRestAdapter adapter = new StagedRestAdapter();
    private final OrderIntent intent = OrderIntent.cancel("c-1", 1);

    @Test
    void aGatewaySheddingLoadIsAFailureNotRetriedElsewhereAtOnce() {
        Answer a = adapter.classify(intent, 503, "{\"status\":\"FAILED\",\"error\":\"gateway gateway-r1 overloaded: 128 requests"
            + " under way; nothing done, retry after 1 s\",\"retryAfter\":1}");
        assertThat(a.kind()).isEqualTo(Answer.Kind.FAILED);
        assertThat(a.retry()).isFalse();
    }

    @Test
    void aGatewayWithNoEngineToTakeTheOrderIsAFailureTriedOnAnotherGateway() {
        Answer a = adapter.classify(intent, 503, "{\"clientOrderId\":\"c-1\",\"status\":\"FAILED\",\"error\":\"no engine answered\"}");
        assertThat(a.kind()).isEqualTo(Answer.Kind.FAILED);
        assertThat(a.retry()).isTrue();
    }

    @Test
    void aRateLimitIsARejection() {
        Answer a = adapter.classify(intent, 429, "{\"clientOrderId\":\"c-1\",\"status\":\"REJECTED\",\"reason\":\"rate limit\"}");
        assertThat(a.kind()).isEqualTo(Answer.Kind.REJECTED);
        assertThat(a.retry()).isFalse();
    }
}
