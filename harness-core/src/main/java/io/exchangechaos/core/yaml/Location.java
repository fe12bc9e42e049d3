package io.exchangechaos.core.yaml;

/** A position in a definition file: 1-based line and column. */
public record Location(int line, int column) {

    public static final Location UNKNOWN = new Location(0, 0);

    public boolean isKnown() {
        return line > 0;
    }
}
