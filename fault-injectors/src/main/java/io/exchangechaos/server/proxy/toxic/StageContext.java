package io.exchangechaos.server.proxy.toxic;

import java.util.random.RandomGenerator;

/**
 * What a toxic stage may do to its connection. Every call happens on the connection's I/O
 * thread, so stages keep plain fields and need no locks.
 */
public interface StageContext {

    /** Passes data to the next stage, or to the socket after the last one. */
    void emit(Chunk chunk);

    /**
     * Passes the end of the stream on, after everything emitted before it.
     *
     * @param closeConnection {@code false}: half-close (the source hung up); {@code true}: the
     *                        toxic ends the whole connection once this point reaches the socket
     */
    void emitEof(boolean closeConnection);

    /** Accounts for bytes the stage dropped, so back-pressure can let reading resume. */
    void release(int bytes);

    /** Closes both sockets at once with a TCP RST (SO_LINGER 0). */
    void resetConnection();

    /**
     * Runs the task on the I/O thread after the delay, unless the stage or connection is gone.
     * Nanoseconds rather than {@code Duration}: this is on the data path and must not allocate.
     */
    Cancellable schedule(long delayNanos, Runnable task);

    long nanoTime();

    RandomGenerator random();
}
