package io.exchangechaos.core.scenario;

/** The key a fault target is written with. */
public enum TargetKind implements Spelled {
    SERVICE("service"),
    REGION("region"),
    LINK("link"),
    LINKS("links"),
    BETWEEN("between"),
    DNS("dns"),
    DEPENDENCY("dependency"),
    CONFIG("config");

    private final String id;

    TargetKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
