package io.exchangechaos.server.proxy.toxic;

/** A scheduled task that may still be called off. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
