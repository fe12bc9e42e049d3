package io.exchangechaos.core.yaml;

/**
 * One thing wrong with a definition file (a scenario or a topology), where it is and how to fix it.
 *
 * <p>Printed as {@code file:line:col: path [value]: problem; fix}, for example
 * {@code region-loss.yaml:14:7: timeline[1].duration [10m]: ends after the load ends at 1m; shorten it or lengthen load.duration}.
 * A definition built with the Java DSL has no file: {@code file} is empty and {@code line}/{@code column} are 0,
 * and only the path is printed.
 *
 * @param file    the file name as given to the loader, or empty
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param path    the field, e.g. {@code timeline[1].duration}; empty for problems of the whole file (YAML syntax)
 * @param value   the offending value as written, or empty
 * @param message what is wrong and how to fix it
 */
public record Problem(String file, int line, int column, String path, String value, String message) {

    public Problem {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        value = value == null ? "" : value;
    }

    public boolean hasLocation() {
        return line > 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (!file.isEmpty()) {
            out.append(file).append(':');
            if (line > 0) {
                out.append(line).append(':').append(column).append(':');
            }
            out.append(' ');
        }
        if (!path.isEmpty()) {
            out.append(path);
            if (!value.isEmpty()) {
                out.append(" [").append(value).append(']');
            }
            out.append(": ");
        } else if (!value.isEmpty()) {
            out.append('[').append(value).append("]: ");
        }
        return out.append(message).toString();
    }
}
