package io.exchangechaos.core.fault;

import io.exchangechaos.core.ledger.InjectedFault;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A timeline step in force: the faults it applied (one per link, process or name it hit) and what it resolved its
 * target to ("region leader" becomes "region r2" at the moment of injection).
 */
public record ActiveStep(String step, String type, String target, Instant injectedAt, List<InjectedFault> parts) {

    /** Heals every part, all of them even when one fails; the first failure is rethrown after. */
    public void heal() {
        RuntimeException first = null;
        for (InjectedFault f : parts) {
            try {
                f.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public Optional<Instant> healedAt() {
        if (parts.isEmpty()) {
            return Optional.of(injectedAt);
        }
        Instant last = null;
        for (InjectedFault f : parts) {
            if (f.healedAt().isEmpty()) {
                return Optional.empty();
            }
            Instant h = f.healedAt().get();
            last = last == null || h.isAfter(last) ? h : last;
        }
        return Optional.ofNullable(last);
    }
}
