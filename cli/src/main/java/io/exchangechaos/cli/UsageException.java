package io.exchangechaos.cli;

import java.util.List;

/**
 * A command line that can't be acted on: every problem found, one line each, saying what was wrong and how to fix
 * it. Thrown before anything is started; `chaos` prints the lines and exits 2.
 */
final class UsageException extends RuntimeException {
    private final List<String> problems;

    UsageException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    UsageException(String problem) {
        this(List.of(problem));
    }

    List<String> problems() {
        return problems;
    }
}
