package io.exchangechaos.core.scenario;

/** What a config-push fault pushes to the config service. */
public enum ConfigKind implements Spelled {
    /** Not parseable. */
    MALFORMED("malformed"),
    /** Parses, but its values contradict each other. */
    SEMANTIC("semantic"),
    /** Past the size limits of its consumers. */
    OVERSIZED("oversized"),
    /** Valid on load; breaks its consumers some time after loading. */
    LATENT("latent"),
    /** The config in params.file, as is. */
    FILE("file");

    private final String id;

    ConfigKind(String id) {
        this.id = id;
    }

    /** As written in scenario files. */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
