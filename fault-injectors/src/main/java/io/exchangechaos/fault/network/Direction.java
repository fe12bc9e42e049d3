package io.exchangechaos.fault.network;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.util.List;

/** Which way through a proxy a toxic acts: toward the upstream server, back to the client, or both. */
public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    List<ToxicDirection> toxicDirections() {
        return switch (this) {
            case UPSTREAM -> List.of(ToxicDirection.UPSTREAM);
            case DOWNSTREAM -> List.of(ToxicDirection.DOWNSTREAM);
            case BOTH -> List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
        };
    }
}
