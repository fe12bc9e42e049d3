package io.exchangechaos.core.adapter;

/**
 * An adapter's reading of one response.
 *
 * @param kind    ACKNOWLEDGED (the exchange took it and said so), REJECTED (definitely refused, nothing done),
 *                FAILED (definitely not done, e.g. unavailable before anything was committed), or UNKNOWN (it may
 *                or may not have happened: only reconciliation can tell)
 * @param retry   whether a client should retry it (on another entrypoint, with the same client order id)
 * @param orderState the order's state as the exchange reported it, if any (e.g. NEW, FILLED)
 */
public record Answer(Kind kind, boolean retry, String orderState, String detail) {

    public enum Kind { ACKNOWLEDGED, REJECTED, FAILED, UNKNOWN }

    public static Answer noResponse(String why) {
        return new Answer(Kind.UNKNOWN, true, null, why);
    }
}
