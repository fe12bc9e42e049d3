package io.exchangechaos.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Ctrl-C handling for a running scenario; where the JVM does not allow it, the shutdown hook still heals. */
final class Interrupts {

    private Interrupts() {
    }

    interface Handle {
        void restore();
    }

    static Handle onSigint(Runnable action) {
        try {
            Signal sigint = new Signal("INT");
            SignalHandler previous = Signal.handle(sigint, s -> action.run());
            return () -> Signal.handle(sigint, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return () -> { };
        }
    }
}
