package io.exchangechaos.stack.gateway;

import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.config.ExchangeConfig;
import io.exchangechaos.stack.discovery.EngineResolver;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway's way to the engine, whatever the protocol the order came in on: config, rate limit, credit check, then
 * the engine leader, and one {@link Outcome} back. REST and FIX orders share it, so they share its idempotency on
 * the client order id, its bound on requests under way and its answers.
 */
final class OrderPath implements AutoCloseable {
    private final ConfigWatcher configWatcher;
    private final CreditCheck creditCheck;
    private final EngineRouter engines;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    /** Continuations: engine retries and writing answers back, which may block on a slow client. */
    private final ExecutorService work = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "gateway-work");
        t.setDaemon(true);
        return t;
    });

    OrderPath(Gateway.GatewayConfig config) {
        Weakness w = config.weakness();
        this.maxInFlight = config.maxInFlight();
        this.configWatcher = new ConfigWatcher(config.configUrl(), w != Weakness.NO_CONFIG_VALIDATION);
        this.creditCheck = new CreditCheck(config.dependencyUrl(), w != Weakness.NO_DEPENDENCY_TIMEOUT);
        EngineResolver resolver = new EngineResolver(config.dns(), w != Weakness.NO_DNS_CACHE, Duration.ofMillis(500));
        List<EngineRouter.Endpoint> endpoints = config.engines().stream().map(EngineRouter.Endpoint::parse).toList();
        this.engines = new EngineRouter(endpoints, resolver::resolve, work);
        resolver.prime(endpoints.stream().map(EngineRouter.Endpoint::name).toList());
        configWatcher.start(Duration.ofSeconds(10));
    }

    /**
     * Takes a place among the requests under way, or says how many there are when the bound is reached (the caller
     * sheds the request: nothing done, come back later). Every successful call is followed by one {@link #leave()}.
     *
     * @return -1 when admitted, else the number under way
     */
    int enter() {
        int now = inFlight.incrementAndGet();
        if (now > maxInFlight) {
            inFlight.decrementAndGet();
            return now - 1;
        }
        return -1;
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** The config orders are checked against, or null with the reason in {@code defect} when orders cannot be taken. */
    ExchangeConfig usableConfig(String[] defect) {
        ActiveConfig active = configWatcher.active();
        String why = active == null ? "no config loaded" : active.defect(Instant.now());
        if (why != null) {
            configWatcher.orderOutcome(true);
            defect[0] = "gateway cannot take orders: " + why;
            return null;
        }
        return active.config();
    }

    /** Rate limit, credit check, then the engine; the order was checked against {@code config} already. */
    CompletableFuture<Outcome> place(Command.Place order, ExchangeConfig config, Duration budget) {
        if (!rateLimiter.allow(order.account(), config.rateLimitPerAccountPerSecond())) {
            return CompletableFuture.completedFuture(new Outcome.Refused(Outcome.Refused.Why.RATE_LIMITED,
                "rate limit of " + config.rateLimitPerAccountPerSecond() + " orders/s for account " + order.account()));
        }
        long notional = order.price() * order.quantity();
        CompletableFuture<CreditCheck.Decision> credit = notional < config.creditCheck().minNotional()
            ? CompletableFuture.completedFuture(CreditCheck.Decision.APPROVED)
            : creditCheck.check(order.account(), notional);
        if (credit.isDone()) {
            // most orders need no credit check: no hop to another thread for them
            return afterCredit(order, notional, config, credit.handle((decision, error) -> decision).getNow(null), budget);
        }
        return credit.handleAsync((decision, error) -> afterCredit(order, notional, config, decision, budget), work)
            .thenCompose(f -> f);
    }

    private CompletableFuture<Outcome> afterCredit(Command.Place order, long notional, ExchangeConfig config,
                                                   CreditCheck.Decision decision, Duration budget) {
        if (decision == CreditCheck.Decision.DECLINED) {
            return CompletableFuture.completedFuture(new Outcome.Refused(Outcome.Refused.Why.CREDIT, "credit check declined"));
        }
        if (decision != CreditCheck.Decision.APPROVED && notional > config.creditCheck().fallbackMaxNotional()) {
            return CompletableFuture.completedFuture(new Outcome.Refused(Outcome.Refused.Why.CREDIT,
                "credit check unavailable and notional " + notional + " is over the fallback limit"));
        }
        return submit(order, budget);
    }

    CompletableFuture<Outcome> cancel(Command.Cancel cancel, Duration budget) {
        return submit(cancel, budget);
    }

    private CompletableFuture<Outcome> submit(Command command, Duration budget) {
        byte[] body;
        try {
            body = Json.MAPPER.writerFor(Command.class).writeValueAsBytes(command);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Outcome.Broken(500, e.toString()));
        }
        // the router completes on its own work threads: no further hop
        return engines.post("/commands", body, budget).handle((reply, error) -> {
            if (error != null) {
                configWatcher.orderOutcome(true);
                return new Outcome.Unknown(error.toString());
            }
            configWatcher.orderOutcome(false);
            if (!reply.answered()) {
                return reply.maybeCommitted() ? new Outcome.Unknown(reply.error()) : new Outcome.Failed(reply.error(), 0);
            }
            if (reply.status() == 429 && !reply.maybeCommitted()) {
                // the leader refused it before queueing: nothing committed, come back later
                return new Outcome.Failed("engine busy: " + reply.body(), Gateway.RETRY_AFTER_SECONDS);
            }
            if (reply.status() != 200) {
                return new Outcome.Broken(502, "engine answered " + reply.status() + ": " + reply.body());
            }
            try {
                return new Outcome.Order(Json.MAPPER.readValue(reply.body(), OrderView.class));
            } catch (IOException e) {
                return new Outcome.Broken(502, "engine answer did not parse: " + e.getMessage());
            }
        });
    }

    /** An order as the engine has it: the engine's own answer, passed on. */
    CompletableFuture<EngineRouter.Reply> lookup(String clientOrderId, Duration budget) {
        return engines.get("/orders/" + clientOrderId, budget);
    }

    /** A read from the engine, such as its trades ({@code /trades?after=N}). */
    CompletableFuture<EngineRouter.Reply> read(String pathAndQuery, Duration budget) {
        return engines.get(pathAndQuery, budget);
    }

    boolean hasConfig() {
        return configWatcher.active() != null;
    }

    Map<String, Object> configStatus() {
        return configWatcher.status();
    }

    Object creditState() {
        return creditCheck.state();
    }

    ExecutorService work() {
        return work;
    }

    @Override
    public void close() {
        configWatcher.close();
        work.shutdownNow();
    }
}
