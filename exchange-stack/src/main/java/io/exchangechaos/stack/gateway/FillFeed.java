package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.matching.Trade;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the engine's trades ({@code GET /trades?after=N}) while the gateway's FIX side has orders that can fill,
 * so each fill reaches the session that placed the order as an ExecutionReport: within one round
 * ({@link #EVERY}) of the trade, at once when an answer shows fills not reported yet. Trade ids count from 1 with no
 * gaps and every replica applies the same trades, so a read from any replica continues the last without losing one.
 */
final class FillFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FillFeed.class);
    static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration READ_BUDGET = Duration.ofSeconds(1);

    /** The engine's answer to {@code /trades}. */
    record Page(long appliedIndex, long tradeCount, List<Trade> trades) {
    }

    private final OrderPath orders;
    private final FixOrderFlow flow;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fix-fills");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Set<String> recounts = ConcurrentHashMap.newKeySet();
    /** The last trade read; -1 until the engine has said how many there are. */
    private volatile long cursor = -1;

    FillFeed(OrderPath orders, FixOrderFlow flow) {
        this.orders = orders;
        this.flow = flow;
    }

    /**
     * Starts following from the engine's latest trade (earlier trades belong to no order this gateway took), waiting
     * at most {@code firstRead} to learn where that is; past it, the feed learns it later.
     */
    void start(Duration firstRead) {
        try {
            Page page = read("/trades?after=" + Long.MAX_VALUE).get(firstRead.toMillis(), TimeUnit.MILLISECONDS);
            if (page != null) {
                cursor = page.tradeCount();
            }
        } catch (Exception e) {
            LOG.warn("could not read the engine's trades at start ({}); fills are followed once it answers", e.toString());
        }
        timer.scheduleWithFixedDelay(this::round, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads now: the trades after the last one read, or all of one order's ({@code clientOrderId} not null). */
    void soon(String clientOrderId) {
        if (clientOrderId != null) {
            recounts.add(clientOrderId);
        }
        again.set(true);
        try {
            timer.execute(this::round);
        } catch (RuntimeException e) {
            // shutting down
        }
    }

    long cursor() {
        return cursor;
    }

    private void round() {
        try {
            flow.expireWaiting();
            for (String id : List.copyOf(recounts)) {
                recounts.remove(id);
                read("/trades?clientOrderId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).whenComplete((page, error) -> {
                    if (page != null) {
                        flow.recount(id, page.trades());
                    }
                });
            }
            boolean asked = again.getAndSet(false);
            if (!asked && !flow.wantsFills() || !reading.compareAndSet(false, true)) {
                return;
            }
            long from = cursor;
            read("/trades?after=" + (from < 0 ? Long.MAX_VALUE : from)).whenComplete((page, error) -> {
                boolean more = false;
                try {
                    if (page != null) {
                        if (from < 0) {
                            // the engine could not be read at start: trades from here on
                            cursor = page.tradeCount();
                        } else if (!page.trades().isEmpty()) {
                            flow.trades(page.trades());
                            cursor = page.trades().get(page.trades().size() - 1).tradeId();
                            more = page.tradeCount() > cursor;
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("reporting fills failed: {}", e.toString(), e);
                } finally {
                    reading.set(false);
                }
                if (more) {
                    soon(null);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("fill feed round failed: {}", e.toString(), e);
        }
    }

    private CompletableFuture<Page> read(String pathAndQuery) {
        return orders.read(pathAndQuery, READ_BUDGET).handle((reply, error) -> {
            if (error != null || !reply.answered() || reply.status() != 200) {
                return null;
            }
            try {
                return Json.MAPPER.readValue(reply.body(), Page.class);
            } catch (IOException e) {
                LOG.warn("engine trades did not parse: {}", e.getMessage());
                return null;
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
