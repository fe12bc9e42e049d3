package io.exchangechaos.stack.matching;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the replicated log carries. Applying the same commands in the same order gives the same state. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Command.Place.class, name = "place"),
    @JsonSubTypes.Type(value = Command.Cancel.class, name = "cancel")
})
public sealed interface Command {

    long account();

    String clientOrderId();

    record Place(long account, String clientOrderId, String symbol, Side side, OrderType orderType,
                 long price, long quantity) implements Command {
    }

    record Cancel(long account, String clientOrderId) implements Command {
    }
}
