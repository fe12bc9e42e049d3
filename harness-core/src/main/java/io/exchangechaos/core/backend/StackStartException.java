package io.exchangechaos.core.backend;

/** The stack could not be brought up; a run that meets this is INCONCLUSIVE, never PASS. */
public final class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
