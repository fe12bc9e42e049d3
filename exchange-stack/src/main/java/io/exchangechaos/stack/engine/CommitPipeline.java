package io.exchangechaos.stack.engine;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderStatus;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: commands queue up while earlier Raft entries are in flight and go out together as one entry.
 * Raft costs per entry, not per command, so this is what lets three replicas on two cores take thousands of
 * orders a second. A caller's future completes only when its entry is committed on a majority and applied —
 * unless the ack-before-replication weakness is on, in which case it completes on arrival and the queue is
 * flushed lazily, the way an asynchronously replicating exchange behaves.
 */
final class CommitPipeline implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 6;
    /**
     * Entries in flight before a new one waits for company. Raft costs per entry, not per command, and with six
     * always open a steady flow goes out close to one command per entry. Past two, a command waits up to
     * {@link #LINGER_NANOS} for others to share its entry; a slow quorum (a WAN fault) still gets six entries in
     * flight after that short wait.
     */
    static final int EAGER_IN_FLIGHT = 2;
    static final long LINGER_NANOS = 2_000_000;
    private static final int MAX_BATCH = 256;
    /**
     * Commands waiting for an entry before new ones are refused ({@link Busy}): about half a second of what a
     * leader commits on two cores. A queue longer than that only makes every command in it late.
     */
    static final int MAX_QUEUED = 512;

    private final Function<byte[], CompletableFuture<byte[]>> replicate;
    private final boolean ackBeforeReplication;
    private final Duration lazyFlush;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ScheduledExecutorService flusher;
    private final ScheduledExecutorService linger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "commit-linger");
        t.setDaemon(true);
        return t;
    });
    private int inFlight;
    private boolean lingerArmed;

    CommitPipeline(Function<byte[], CompletableFuture<byte[]>> replicate, boolean ackBeforeReplication, Duration lazyFlush) {
        this.replicate = replicate;
        this.ackBeforeReplication = ackBeforeReplication;
        this.lazyFlush = lazyFlush;
        this.flusher = ackBeforeReplication ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazy-replication");
            t.setDaemon(true);
            return t;
        }) : null;
        if (flusher != null) {
            flusher.scheduleWithFixedDelay(this::dispatch, lazyFlush.toMillis(), lazyFlush.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    CompletableFuture<OrderView> submit(Command command) {
        Pending p = new Pending(command, new CompletableFuture<>(), System.nanoTime());
        synchronized (this) {
            if (queue.size() >= MAX_QUEUED) {
                return CompletableFuture.failedFuture(new Busy(queue.size()));
            }
            queue.add(p);
        }
        if (ackBeforeReplication) {
            return CompletableFuture.completedFuture(provisional(command));
        }
        dispatch();
        return p.result;
    }

    private static OrderView provisional(Command c) {
        if (c instanceof Command.Place p) {
            return new OrderView(0, p.account(), p.clientOrderId(), p.symbol(), p.side(), p.orderType(), p.price(),
                p.quantity(), 0, OrderStatus.NEW, null);
        }
        return new OrderView(0, c.account(), c.clientOrderId(), null, null, null, 0, 0, 0, OrderStatus.CANCELED, null);
    }

    private void dispatch() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (queue.isEmpty() || inFlight >= MAX_IN_FLIGHT) {
                    return;
                }
                if (inFlight >= EAGER_IN_FLIGHT && queue.size() < MAX_BATCH && !ackBeforeReplication) {
                    long waited = System.nanoTime() - queue.peek().queuedAt();
                    if (waited < LINGER_NANOS) {
                        if (!lingerArmed) {
                            lingerArmed = true;
                            linger.schedule(this::lingerOver, LINGER_NANOS - waited, TimeUnit.NANOSECONDS);
                        }
                        return;
                    }
                }
                batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                inFlight++;
            }
            send(batch);
        }
    }

    private void lingerOver() {
        synchronized (this) {
            lingerArmed = false;
        }
        dispatch();
    }

    private void send(List<Pending> batch) {
        byte[] payload;
        try {
            payload = Json.MAPPER.writerFor(EngineStateMachine.BATCH).writeValueAsBytes(batch.stream().map(Pending::command).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<byte[]> reply;
        try {
            reply = replicate.apply(payload);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((bytes, error) -> {
            synchronized (this) {
                inFlight--;
            }
            complete(batch, bytes, error);
            if (!ackBeforeReplication) {
                dispatch();
            }
        });
    }

    private static void complete(List<Pending> batch, byte[] bytes, Throwable error) {
        if (error == null) {
            try {
                List<OrderView> results = Json.MAPPER.readValue(bytes, EngineStateMachine.RESULTS);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result.complete(results.get(i));
                }
                return;
            } catch (IOException | IndexOutOfBoundsException e) {
                error = e;
            }
        }
        for (Pending p : batch) {
            p.result.completeExceptionally(error);
        }
    }

    /** Fails everything still queued: the caller does not know whether it was committed. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        linger.shutdownNow();
        List<Pending> left;
        synchronized (this) {
            left = new ArrayList<>(queue);
            queue.clear();
        }
        left.forEach(p -> p.result.completeExceptionally(new IllegalStateException("engine stopping")));
    }

    private record Pending(Command command, CompletableFuture<OrderView> result, long queuedAt) {
    }

    /** Refused before it was queued: nothing of it reached the log. */
    static final class Busy extends RuntimeException {
        Busy(int queued) {
            super(queued + " commands already wait for replication");
        }
    }
}
