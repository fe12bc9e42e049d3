package io.exchangechaos.core.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * A fault in force. It was written to the fault ledger before it touched anything; {@link #close()} heals it and
 * records that. Closing twice is harmless.
 *
 * <pre>{@code
 * try (InjectedFault slow = network.latency("gateways-engine-r1", Duration.ofMillis(300), Duration.ZERO, LinkStream.DOWNSTREAM)) {
 *     runLoad(Duration.ofSeconds(30));
 * }   // healed here, whatever happened
 * }</pre>
 */
public interface InjectedFault extends AutoCloseable {

    /** The ledger id, e.g. {@code f-3c1e9a0b7d42}. */
    String id();

    /** What kind of fault, e.g. {@code network.latency}, {@code process.freeze}, {@code config.push}. */
    String type();

    /** What it hit, e.g. {@code proxy gateways-engine-r1}, {@code region r1}, {@code POST /credit-check}. */
    String target();

    /** When it was written to the ledger, just before it was applied. */
    Instant injectedAt();

    /**
     * When its action reached the target: the signal sent, the toxic accepted, the DNS mode set. For a kill this is
     * before the process has exited; the injector returns only once it has.
     */
    default Instant appliedAt() {
        return injectedAt();
    }

    /** Empty while the fault is in force. */
    Optional<Instant> healedAt();

    default boolean isHealed() {
        return healedAt().isPresent();
    }

    /**
     * Heals now and says how; after the first success it returns that result again without touching anything.
     * A {@link HealOutcome#FAILED} result leaves the fault unhealed in the ledger, so a later call or
     * {@code ./chaos cleanup} tries again.
     */
    HealResult heal();

    /**
     * Heals; never throws for a fault that is already healed.
     *
     * @throws FaultHealException when healing failed (the fault stays in the ledger for {@code ./chaos cleanup})
     */
    @Override
    void close();
}
