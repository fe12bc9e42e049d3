package io.exchangechaos.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One browser's Server-Sent Events stream: events are queued and written one at a time without holding a thread (Jetty
 * allows one write in flight per response). A browser that falls {@link #MAX_QUEUED} events behind, or whose
 * connection fails, is dropped; its {@code EventSource} reconnects and is sent the whole state again.
 */
final class EventStream {
    static final int MAX_QUEUED = 512;

    private final Response response;
    private final Callback done;
    private final boolean operator;
    private final Queue<ByteBuffer> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    private boolean ending;

    EventStream(Response response, Callback done, boolean operator) {
        this.response = response;
        this.done = done;
        this.operator = operator;
    }

    /** Whether this stream was opened with the run's token (an operator) rather than without (a spectator). */
    boolean operator() {
        return operator;
    }

    synchronized boolean open() {
        return !closed;
    }

    /** Queues one event; {@code data} is one line of JSON. */
    void send(String event, String data) {
        queue("event: " + event + "\ndata: " + data + "\n\n");
    }

    /** A comment line: keeps the connection from idling out, and finds a browser that has gone. */
    void ping() {
        queue(": ping\n\n");
    }

    private void queue(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= MAX_QUEUED) {
                closed = true;
                queue.clear();
                done.failed(new IllegalStateException("the browser fell " + MAX_QUEUED + " events behind"));
                return;
            }
            queue.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            if (writing) {
                return;
            }
            writing = true;
        }
        writeNext();
    }

    private void writeNext() {
        ByteBuffer next;
        boolean end;
        synchronized (this) {
            next = closed ? null : queue.poll();
            end = closed && ending;
            if (next == null) {
                writing = false;
                ending = false;
            }
        }
        if (next != null) {
            response.write(false, next, Callback.from(this::writeNext, this::failed));
        } else if (end) {
            response.write(true, ByteBuffer.allocate(0), done);
        }
    }

    private void failed(Throwable failure) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        done.failed(failure);
    }

    /** Ends the stream cleanly (the run is over). */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            if (writing) {
                // the write in flight ends the stream when it completes
                ending = true;
                return;
            }
        }
        response.write(true, ByteBuffer.allocate(0), done);
    }
}
