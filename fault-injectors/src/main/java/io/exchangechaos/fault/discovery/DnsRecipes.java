package io.exchangechaos.fault.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.server.InProcessServers;
import io.exchangechaos.server.dns.ActiveDnsFault;
import io.exchangechaos.server.dns.DnsFaultClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The heal recipe of DNS faults, and how it heals through the DNS fault server's control API. */
public final class DnsRecipes {

    private DnsRecipes() {
    }

    /**
     * Remove a DNS fault. The server assigns the id after the fault is applied, so the intent (pattern and mode) is
     * recorded first with {@code faultId} null, then updated; with no id, every fault with this pattern and mode is
     * removed. {@code holder} is {@code pid:startTicks} of the process serving the control API when that is the
     * injecting JVM (the run's embedded DNS server), else null: once that process is gone, so is the fault.
     */
    public record RemoveDnsFault(String controlUrl, String pattern, String mode, String faultId,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String holder) implements HealRecipe {
        public RemoveDnsFault {
            Objects.requireNonNull(controlUrl, "controlUrl");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(mode, "mode");
        }

        public RemoveDnsFault(String controlUrl, String pattern, String mode, String faultId) {
            this(controlUrl, pattern, mode, faultId, null);
        }

        public RemoveDnsFault withFaultId(String id) {
            return new RemoveDnsFault(controlUrl, pattern, mode, id, holder);
        }
    }

    /** {@code remove-dns-fault}. */
    public static final class RemoveDnsFaultKind extends HealRecipeKind.Basic<RemoveDnsFault> {
        public RemoveDnsFaultKind() {
            super("remove-dns-fault", RemoveDnsFault.class, 4);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(RemoveDnsFault r, Set<String> over) {
            return Cleanup.neverInForce(r.controlUrl());
        }

        @Override
        public HealResult heal(RemoveDnsFault r, HealContext cx) {
            if (InProcessServers.holderGone(r.holder())) {
                // the fault lived in the memory of a server in a process now gone: it went with that process
                return HealResult.alreadyGone("DNS fault " + r.mode() + " " + r.pattern() + " lived in the DNS control API"
                    + " at " + r.controlUrl() + " served by pid " + InProcessServers.pidOf(r.holder())
                    + ", which is gone: the fault went with it");
            }
            DnsFaultClient client = DnsFaultClient.connect(r.controlUrl()).withTimeout(cx.timeout());
            if (r.faultId() != null) {
                return client.heal(r.faultId())
                    ? HealResult.healed("removed DNS fault " + r.faultId() + " (" + r.mode() + " " + r.pattern() + ")")
                    : HealResult.alreadyGone("DNS fault " + r.faultId() + " (" + r.mode() + " " + r.pattern() + ") is gone");
            }
            // the run died before the server's id was recorded: remove every fault of this pattern and mode
            List<String> removed = new ArrayList<>();
            for (ActiveDnsFault f : client.faults()) {
                if (f.pattern().equals(r.pattern()) && f.mode().name().equals(r.mode()) && client.heal(f.id())) {
                    removed.add(f.id());
                }
            }
            return removed.isEmpty()
                ? HealResult.alreadyGone("no DNS fault " + r.mode() + " " + r.pattern() + " in force")
                : HealResult.healed("removed DNS faults " + removed + " (" + r.mode() + " " + r.pattern() + ")");
        }
    }
}
