package io.exchangechaos.fault.container;

import java.util.List;
import java.util.Objects;

/** A container's place on a network: enough to put it back exactly (same aliases, same address) after a cut. */
public record Attachment(ContainerRef container, String network, List<String> aliases, String ipv4Address) {
    public Attachment {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(network, "network");
        aliases = List.copyOf(aliases);
    }
}
