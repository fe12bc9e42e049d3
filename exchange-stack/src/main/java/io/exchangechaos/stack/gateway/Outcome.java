package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.matching.OrderView;

/**
 * What the order path made of one command, before it is written out as HTTP or as FIX: both protocols give the same
 * answer for the same outcome, only spelt their own way.
 */
sealed interface Outcome {

    /** The engine answered with the order as it now stands (a rejection by the engine included). */
    record Order(OrderView view) implements Outcome {
    }

    /** The gateway turned it down before the engine saw it; nothing was done. */
    record Refused(Why why, String reason) implements Outcome {
        enum Why { RATE_LIMITED, CREDIT }
    }

    /** Nothing was committed; {@code retryAfterSeconds} is positive when the client should not come back at once. */
    record Failed(String reason, int retryAfterSeconds) implements Outcome {
    }

    /** It may have been committed: the client must ask before it tries anything else. */
    record Unknown(String reason) implements Outcome {
    }

    /** The gateway cannot take orders or could not read the engine's answer. */
    record Broken(int httpStatus, String reason) implements Outcome {
    }
}
