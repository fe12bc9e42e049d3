package io.exchangechaos.fault.container;

import java.util.Objects;

/** A container the harness started: the service it runs and its Docker id. */
public record ContainerRef(String name, String id) {
    public ContainerRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
