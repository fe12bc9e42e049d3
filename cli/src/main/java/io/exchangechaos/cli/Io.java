package io.exchangechaos.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command talks to its user: {@code terminal} is true when stdout is an interactive terminal, where the live
 * status line is redrawn in place; otherwise (CI logs, pipes, tests) it prints plain lines.
 */
record Io(PrintStream out, PrintStream err, InputStream in, boolean terminal) {

    static Io system() {
        return new Io(System.out, System.err, System.in, System.console() != null);
    }
}
