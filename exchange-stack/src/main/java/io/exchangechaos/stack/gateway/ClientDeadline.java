package io.exchangechaos.stack.gateway;

import java.time.Duration;

/**
 * How long a gateway may keep trying engines for one request: as long as the client will wait for the answer, less
 * a margin for the answer's way back, when the client says how long that is (header {@value #HEADER}, in
 * milliseconds); {@link Gateway#ENGINE_BUDGET} when it does not.
 *
 * <p>Giving up earlier than the client would wait turns an order that a new leader would have taken a second later
 * into a 504, and the client then fails over to another gateway, which may be the one in a hung region: it then waits
 * out its whole timeout there as well. Answering later than the client waits is worse still: the client hears
 * nothing and takes this healthy gateway for dead.
 */
final class ClientDeadline {
    /** The client's own timeout for this request, in milliseconds. */
    static final String HEADER = "X-Request-Timeout-Ms";
    /** Left for the answer to reach the client before its timeout fires, on a loaded machine. */
    static final Duration MARGIN = Duration.ofMillis(500);
    /** At least one quick attempt, however little time the client leaves. */
    static final Duration FLOOR = Duration.ofMillis(200);
    /** A client that would wait a minute does not hold a gateway's request that long. */
    static final Duration CEILING = Duration.ofSeconds(10);

    private ClientDeadline() {
    }

    /**
     * @param header  the value of {@value #HEADER}, or null
     * @param elapsed how long the gateway has already spent on the request (parsing, the credit check)
     */
    static Duration engineBudget(String header, Duration elapsed) {
        Duration client = parse(header);
        Duration budget = client == null ? Gateway.ENGINE_BUDGET : client.minus(MARGIN).minus(elapsed);
        if (budget.compareTo(CEILING) > 0) {
            return CEILING;
        }
        return budget.compareTo(FLOOR) < 0 ? FLOOR : budget;
    }

    private static Duration parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            long millis = Long.parseLong(header.trim());
            return millis > 0 ? Duration.ofMillis(millis) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
