package io.exchangechaos.server.proxy.toxic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** A stage's world on a manual clock: records what the stage emits, runs its timers on demand. */
final class FakeStageContext implements StageContext {
    record Emitted(long atNanos, byte[] data) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final SplittableRandom random = new SplittableRandom(42);
    final List<Emitted> emitted = new ArrayList<>();
    long now;
    long released;
    Boolean eof; // null: none; false: half-close; true: close the connection
    long eofAt = -1;
    long resetAt = -1;
    private long sequence;

    @Override
    public void emit(Chunk chunk) {
        emitted.add(new Emitted(now, chunk.toByteArray()));
    }

    @Override
    public void emitEof(boolean closeConnection) {
        if (eof != null) {
            throw new AssertionError("end of stream passed twice");
        }
        eof = closeConnection;
        eofAt = now;
    }

    @Override
    public void release(int bytes) {
        released += bytes;
    }

    @Override
    public void resetConnection() {
        resetAt = now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** Moves the clock forward, running every timer that falls due on the way, in order. */
    void advanceMillis(long millis) {
        long until = now + millis * 1_000_000L;
        Task next;
        while ((next = tasks.peek()) != null && next.at <= until) {
            tasks.poll();
            now = Math.max(now, next.at);
            if (!next.cancelled) {
                next.task.run();
            }
        }
        now = until;
    }

    Chunk chunk(byte[] data) {
        return Chunk.of(data, now);
    }

    byte[] emittedBytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        emitted.forEach(e -> all.writeBytes(e.data()));
        return all.toByteArray();
    }

    private static final class Task implements Comparable<Task> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }
}
