package io.exchangechaos.fault.dependency;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.core.ledger.Cleanup;
import io.exchangechaos.core.ledger.HealContext;
import io.exchangechaos.core.ledger.HealRecipe;
import io.exchangechaos.core.ledger.HealRecipeKind;
import io.exchangechaos.core.ledger.HealResult;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The heal recipe of dependency faults, and how it heals through WireMock's admin API. */
public final class DependencyRecipes {

    private DependencyRecipes() {
    }

    /** Remove the WireMock stub with this id (assigned by the harness before it was added). */
    public record RemoveStub(String adminUrl, String stubId) implements HealRecipe {
        public RemoveStub {
            Objects.requireNonNull(adminUrl, "adminUrl");
            Objects.requireNonNull(stubId, "stubId");
        }
    }

    /** {@code remove-stub}. */
    public static final class RemoveStubKind extends HealRecipeKind.Basic<RemoveStub> {
        public RemoveStubKind() {
            super("remove-stub", RemoveStub.class, 5);
        }

        /** Retired when the address it heals through is none a server can listen on: nothing was ever there. */
        @Override
        public Optional<String> obsolete(RemoveStub r, Set<String> over) {
            return Cleanup.neverInForce(r.adminUrl());
        }

        @Override
        public HealResult heal(RemoveStub r, HealContext cx) throws IOException {
            WireMock wireMock = WireMockAdmin.client(r.adminUrl(), cx.timeout());
            UUID id = UUID.fromString(r.stubId());
            List<StubMapping> mappings;
            try {
                mappings = WireMockAdmin.call(cx.timeout(), r.adminUrl(), "GET /__admin/mappings",
                    () -> wireMock.allStubMappings().getMappings());
            } catch (IOException e) {
                throw ControlCalls.isTimeout(e) ? e : new IOException("WireMock admin API at [" + r.adminUrl()
                    + "] is not reachable (" + e.getMessage() + "); check that the dependency runs", e);
            }
            if (mappings.stream().noneMatch(m -> id.equals(m.getId()))) {
                return HealResult.alreadyGone("stub " + id + " is gone from " + r.adminUrl());
            }
            WireMockAdmin.call(cx.timeout(), r.adminUrl(), "DELETE /__admin/mappings/" + id, () -> {
                wireMock.removeStubMapping(id);
                return null;
            });
            return HealResult.healed("removed stub " + id + " from " + r.adminUrl());
        }
    }
}
