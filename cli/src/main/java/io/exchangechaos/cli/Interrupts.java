package io.exchangechaos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signal handling for a running scenario: Ctrl-C (SIGINT), SIGTERM (a CI job cancelled, {@code kill}) and SIGHUP (the
 * terminal gone) all abort the run the same way, so it ends with its verdict and the contract's exit code 3 rather
 * than the JVM's 130 or 143. Where the JVM does not allow a handler (a signal ignored when it started, e.g. SIGHUP under
 * nohup), that signal keeps its default, and the shutdown hook still heals.
 */
final class Interrupts {
    /** The signals that abort a run, by the names {@link Signal} knows them. */
    static final List<String> ABORTING = List.of("INT", "TERM", "HUP");

    private Interrupts() {
    }

    interface Handle {
        void restore();
    }

    static Handle onSigint(Runnable action) {
        return on(List.of("INT"), name -> action.run());
    }

    /** Calls {@code action} with the signal's name ({@code "SIGTERM"}) for each of {@code names} received. */
    static Handle on(List<String> names, Consumer<String> action) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> action.accept("SIG" + s.getName()));
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // this signal keeps its default: the shutdown hook covers it
            }
        }
        return () -> restore.forEach(Runnable::run);
    }
}
