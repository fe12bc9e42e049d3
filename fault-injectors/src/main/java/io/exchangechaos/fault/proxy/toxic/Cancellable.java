package io.exchangechaos.fault.proxy.toxic;

/** A scheduled task that may still be called off. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
