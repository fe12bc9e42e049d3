package io.exchangechaos.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.exchangechaos.core.adapter.LookUpOnlyAdapter;
import io.exchangechaos.core.adapter.StagedRestAdapter;
import org.junit.jupiter.api.Test;

/** A scenario may name only invariants the adapter it runs through can observe; one naming none gets those it can. */
class InvariantCapabilitiesTest {
    private static final String NAMED = """
        name: retries
        target: {topology: multi-region}
        load: {rate: 10/s, duration: 10s}
        invariants: [no-lost-acked-orders, no-duplicate-orders, indeterminate-resolved, balances-conserved]
        """;
    private static final String NAMING_NONE = """
        name: retries
        target: {topology: multi-region}
        load: {rate: 10/s, duration: 10s}
        """;

    @Test
    void anInvariantTheAdapterCannotObserveIsRefusedWhereItIsNamedWithTheCapabilityItLacks() {
        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
            () -> Scenarios.parse(NAMED, "retries.yaml", new LookUpOnlyAdapter()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n",
            "retries.yaml:4:36: invariants[1] [no-duplicate-orders]: adapter [look-up-only] cannot list every order it holds"
                + " or attribute each listed order to the client's order id (needs LIST_ORDERS and ATTRIBUTION); drop it"
                + " from invariants, or implement that in the adapter and declare it in its capabilities()",
            "retries.yaml:4:81: invariants[3] [balances-conserved]: adapter [look-up-only] cannot read each asset's total"
                + " over every account (needs BALANCES); drop it from invariants, or implement that in the adapter and"
                + " declare it in its capabilities()"));
    }

    @Test
    void theSameScenarioIsValidThroughTheStagedAdapter() {
        assertThat(Scenarios.parse(NAMED, "retries.yaml", new StagedRestAdapter()).invariants()).hasSize(4);
        assertThat(Scenarios.parse(NAMED, "retries.yaml").invariants()).hasSize(4);
    }

    @Test
    void aScenarioNamingNoInvariantIsValidThroughAnyAdapterAndTakesTheDefaults() {
        Scenario s = Scenarios.parse(NAMING_NONE, "retries.yaml", new LookUpOnlyAdapter());

        assertThat(s.defaultInvariants()).isTrue();
        assertThat(s.invariants()).containsExactlyElementsOf(Invariant.BUILT_IN);
        assertThat(Scenarios.parse(NAMED, "retries.yaml").defaultInvariants()).isFalse();
    }

    @Test
    void aScenarioBuiltInCodeIsRefusedByPathThroughAnAdapterThatCannotObserveItsInvariant() {
        ScenarioBuilder b = Scenarios.parse(NAMING_NONE, "retries.yaml").toBuilder()
            .invariants(Invariant.NO_LOST_ACKED_ORDERS, Invariant.REPLICAS_CONVERGE);

        ScenarioDefinitionException e = catchThrowableOfType(ScenarioDefinitionException.class,
            () -> b.build(new LookUpOnlyAdapter()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("invariants[1] [replicas-converge]: adapter [look-up-only] cannot read a"
            + " comparable digest of each replica's state (needs REPLICA_STATE)");
        assertThat(b.build().defaultInvariants()).isFalse();
    }

    @Test
    void writtenBackOutAScenarioNamingNoInvariantStillNamesNone() {
        Scenario s = Scenarios.parse(NAMING_NONE, "retries.yaml");

        assertThat(ScenarioYaml.write(s)).doesNotContain("invariants");
        assertThat(Scenarios.parse(ScenarioYaml.write(s), "again.yaml").defaultInvariants()).isTrue();
    }
}
