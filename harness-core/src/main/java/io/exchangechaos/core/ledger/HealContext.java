package io.exchangechaos.core.ledger;

import java.time.Duration;

/**
 * What a {@link HealRecipeKind} heals with.
 *
 * @param timeout   for every call to a control API
 * @param stopGrace how long a process gets after SIGTERM before SIGKILL
 */
public record HealContext(Duration timeout, Duration stopGrace) {
}
