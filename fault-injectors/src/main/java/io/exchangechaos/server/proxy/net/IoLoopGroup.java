package io.exchangechaos.server.proxy.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A few I/O loops; each new connection goes to the next one in turn. */
public final class IoLoopGroup implements AutoCloseable {
    private final List<IoLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    public IoLoopGroup(int size, String namePrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("I/O loop count [" + size + "] must be at least 1");
        }
        List<IoLoop> created = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            created.add(new IoLoop(namePrefix + "-" + i));
        }
        this.loops = List.copyOf(created);
    }

    /** One loop per core, at most four: a proxy is rarely the bottleneck, threads cost context switches. */
    public static IoLoopGroup forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IoLoopGroup(Math.max(1, Math.min(4, cores)), "toxiproxy-io");
    }

    IoLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Waits until every loop has run everything submitted before this call. */
    void awaitQuiescence(long timeoutMillis) {
        List<CompletableFuture<Void>> barriers = new ArrayList<>(loops.size());
        for (IoLoop loop : loops) {
            if (loop.inLoop()) {
                continue;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.execute(() -> done.complete(null));
            barriers.add(done);
        }
        try {
            CompletableFuture.allOf(barriers.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a stuck loop must not hang the control API; the change still applies when it wakes
        }
    }

    @Override
    public void close() {
        loops.forEach(IoLoop::close);
    }
}
