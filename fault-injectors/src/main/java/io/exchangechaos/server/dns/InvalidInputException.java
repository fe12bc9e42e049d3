package io.exchangechaos.server.dns;

import java.util.List;

/**
 * One or more problems with user input (a fault, a record, a configuration), each a complete
 * sentence that names the field, the value in brackets and the fix. All problems are collected
 * so a user fixes everything in one round trip.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
