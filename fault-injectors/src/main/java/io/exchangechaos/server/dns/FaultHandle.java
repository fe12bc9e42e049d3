package io.exchangechaos.server.dns;

import java.util.concurrent.atomic.AtomicBoolean;

/** An injected fault; {@link #close()} heals it (only it), once, whichever side it lives on. */
public final class FaultHandle implements AutoCloseable {

    private final ActiveDnsFault fault;
    private final DnsFaultControl control;
    private final AtomicBoolean healed = new AtomicBoolean();

    FaultHandle(ActiveDnsFault fault, DnsFaultControl control) {
        this.fault = fault;
        this.control = control;
    }

    public String id() {
        return fault.id();
    }

    public ActiveDnsFault fault() {
        return fault;
    }

    /** Heals this fault; later calls do nothing. */
    @Override
    public void close() {
        if (healed.compareAndSet(false, true)) {
            control.heal(fault.id());
        }
    }

    @Override
    public String toString() {
        return "FaultHandle[" + fault.id() + " " + fault.mode() + " " + fault.pattern() + "]";
    }
}
