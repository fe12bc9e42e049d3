package io.exchangechaos.core.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.OrderIntent;

/**
 * One order operation as the client lived it: from the moment it was meant to start to its final answer,
 * across every retry. Times are microseconds since the epoch; latency is from the first send to the answer.
 *
 * @param intendedMicros when the open-model schedule meant it to start (lag = sent - intended)
 * @param entrypoint     the entrypoint that gave the final answer (or was tried last)
 * @param answer         the adapter's classification of the final answer
 */
public record Operation(long index, String op, String clientOrderId, long account, String symbol, String side,
                        String kind, long price, long quantity, String entrypoint, int attempts,
                        long intendedMicros, long sentMicros, long completedMicros, long latencyMicros,
                        Outcome outcome, Answer.Kind answer, String orderState, String detail) {

    public static String opName(OrderIntent intent) {
        return intent.isCancel() ? "cancel" : "place";
    }

    @JsonIgnore
    public boolean isPlace() {
        return "place".equals(op);
    }

    @JsonIgnore
    public boolean isCancel() {
        return "cancel".equals(op);
    }

    @JsonIgnore
    public long lagMicros() {
        return sentMicros - intendedMicros;
    }

    public static Outcome outcomeOf(Answer.Kind kind) {
        return switch (kind) {
            case ACKNOWLEDGED -> Outcome.OK;
            case REJECTED, FAILED -> Outcome.FAIL;
            case UNKNOWN -> Outcome.INFO;
        };
    }
}
