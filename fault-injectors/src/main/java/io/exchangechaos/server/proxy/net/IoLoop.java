package io.exchangechaos.server.proxy.net;

import io.exchangechaos.server.proxy.toxic.Cancellable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many connections, with its own timer queue for delayed chunks, so
 * that a connection's sockets, toxics and timers all live on one thread and need no locks.
 */
public final class IoLoop implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while the loop may block in select; a task submitted then must wake it. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Consumer<SelectionKey> keyHandler = IoLoop::handle;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final SplittableRandom random = new SplittableRandom();
    private long timerSequence;
    private volatile boolean running = true;

    IoLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /** Schedules on the loop thread; call only from the loop thread. */
    Cancellable schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(System.nanoTime() + Math.max(0, delayNanos), timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    /** Shared by every connection of the loop: data is written straight out of it when possible. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    SplittableRandom random() {
        return random;
    }

    private void run() {
        while (running) {
            try {
                selectOnce();
                runTasks();
                runTimers();
            } catch (Throwable t) {
                LOG.error("I/O loop {} survived an unexpected error", thread.getName(), t);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    private void selectOnce() throws IOException {
        long delay = nextTimerDelay();
        sleeping.set(true);
        if (!tasks.isEmpty() || delay == 0) {
            selector.selectNow(keyHandler);
        } else if (delay < 0) {
            selector.select(keyHandler);
        } else if (delay >= NANOS_PER_MILLI) {
            // select() has millisecond resolution; wake early and finish below if needed
            selector.select(keyHandler, delay / NANOS_PER_MILLI);
        } else {
            // sub-millisecond timers (slicer delays are in µs): park rather than round up to 1 ms
            LockSupport.parkNanos(delay);
            selector.selectNow(keyHandler);
        }
        sleeping.set(false);
    }

    private static void handle(SelectionKey key) {
        if (key.isValid()) {
            ((IoHandler) key.attachment()).onReady(key.readyOps());
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("task on I/O loop {} failed", thread.getName(), e);
            }
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = timers.peek()) != null && next.deadline - now <= 0) {
            timers.poll();
            if (!next.cancelled) {
                try {
                    next.task.run();
                } catch (RuntimeException e) {
                    LOG.warn("timer on I/O loop {} failed", thread.getName(), e);
                }
            }
        }
    }

    /** Nanos until the next live timer: -1 when none, 0 when one is due. */
    private long nextTimerDelay() {
        Timer next;
        while ((next = timers.peek()) != null && next.cancelled) {
            timers.poll();
        }
        if (next == null) {
            return -1;
        }
        return Math.max(0, next.deadline - System.nanoTime());
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Timer implements Comparable<Timer>, Cancellable {
        final long deadline;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
