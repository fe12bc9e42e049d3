package io.exchangechaos.core.ledger;

/** A fault could not be applied. Whatever part of it got applied has been healed again (see the message). */
public final class FaultInjectionException extends RuntimeException {
    public FaultInjectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
